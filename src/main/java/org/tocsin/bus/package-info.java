/**
 * What several nodes share through Apache Kafka, and its in-process stand-in for a single node.
 *
 * <ul>
 *   <li>the reports log ({@link org.tocsin.bus.KafkaBus#commands}): sensor report batches in the
 *       one order the engine reads. On Kafka, a topic with one partition; an append returns once
 *       every in-sync replica has the record ({@code acks=all}, idempotent producer, at least
 *       {@code min.insync.replicas}), so an HTTP 202 may follow it. A record is the batch's JSON as
 *       posted ({@link org.tocsin.bus.ReportBatch}).
 *   <li>the events log ({@link org.tocsin.bus.KafkaBus#events}): alert events, appended by the
 *       engine's node and read by every node from an offset; the offset is the event's id on the
 *       event stream, the same on every node. Its record form is the caller's codec ({@link
 *       org.tocsin.bus.AlertEventCodec} for the journal's JSON of an alert event).
 *   <li>{@link org.tocsin.bus.EngineLease}: the engine role, held by one node at a time: the engine
 *       group's owner of the reports partition. A standby takes over about 6 to 10 s after the
 *       holder dies (see {@code KafkaEngineLease} for the timing), at once when it closes.
 *   <li>{@link org.tocsin.bus.DeliveryLease}: the delivery partitions this node owns, the delivery
 *       group's share of a topic with one partition per delivery partition; a dead node's move to
 *       the living with the engine lease's timing, a closed lease's at once.
 * </ul>
 *
 * <p>Records carry the broker's time ({@code LogAppendTime}), which a replay sees again; a reader
 * skips and counts a record its codec refuses, for whoever can write to a topic must not stop a
 * node. Everything is bounded: record size, producer buffer, records and bytes per poll, the
 * in-process logs' capacity.
 *
 * <p>The engine's node writes the events topic through a {@link org.tocsin.bus.FencedWriter}
 * (transactions under one id: opening one fences the last holder's), and marks checkpoints of the
 * reports log as the engine group's committed offset ({@link
 * org.tocsin.bus.EngineLease#checkpoint}); readers read committed records only. What is written
 * there, and when, is the {@code cluster} package's.
 */
package org.tocsin.bus;
