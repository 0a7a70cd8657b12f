package org.tocsin.bus;

import java.time.Clock;

/**
 * The log of alert events: the engine's node appends, every node reads from an offset. A record's
 * offset is the event's id on the event stream ({@code Last-Event-ID}), the same on every node.
 * In-process on a single node, a Kafka topic with one partition on several ({@link
 * KafkaBus#events(RecordCodec)}).
 *
 * @param <E> what an event record holds, in the byte form its codec gives
 */
public final class EventLog<E> implements RecordLog<E> {

  private final RecordLog<E> log;

  EventLog(RecordLog<E> log) {
    this.log = log;
  }

  /**
   * A log in this process's memory that keeps the latest {@code capacity} events, stamped by {@code
   * clock}.
   */
  public static <E> EventLog<E> inProcess(int capacity, Clock clock) {
    return new EventLog<>(new InProcessLog<>(capacity, clock));
  }

  @Override
  public Appended append(E event) {
    return log.append(event);
  }

  @Override
  public LogReader<E> reader(long fromOffset) {
    return log.reader(fromOffset);
  }

  @Override
  public void close() {
    log.close();
  }
}
