/**
 * A node of a cluster on Apache Kafka, with PostgreSQL shared ({@code tocsin serve --kafka}): see
 * {@link org.tocsin.cluster.ClusterNode}.
 *
 * <p>The shared log is the reports topic: every command that changes the warnings is a record there
 * ({@link org.tocsin.cluster.CommandCodec}), and every node's engine takes them all in its one
 * order at the log's times ({@link org.tocsin.cluster.EngineReplica}). The engine lease holder
 * publishes the engine's events ({@link org.tocsin.cluster.EventPublisher}, numbered by ordinals so
 * that a new holder publishes each exactly once), journals them with their deliveries ({@link
 * org.tocsin.cluster.EventJournal}), ticks and checkpoints. Every node serves the events topic
 * ({@link org.tocsin.cluster.ClusterEvents}).
 */
package org.tocsin.cluster;
