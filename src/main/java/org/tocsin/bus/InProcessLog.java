package org.tocsin.bus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A log in this process's memory, for a single node: the same contract as a Kafka topic with one
 * partition (offsets from 0 without gaps, times that never go back), bounded to the latest {@code
 * capacity} records. A reader behind the oldest record kept goes on from the oldest, as a Kafka
 * consumer whose offset was deleted does ({@code auto.offset.reset=earliest}).
 */
final class InProcessLog<T> implements RecordLog<T> {

  /** The most records one poll returns, as a Kafka reader's {@code max.poll.records}. */
  static final int MAX_POLL_RECORDS = 500;

  private final int capacity;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final ArrayDeque<LogRecord<T>> records = new ArrayDeque<>();
  private long nextOffset;
  private Instant lastTime = Instant.MIN;
  private boolean closed;

  InProcessLog(int capacity, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Appended append(T value) {
    Objects.requireNonNull(value, "value");
    lock.lock();
    try {
      if (closed) {
        throw new LogUnavailableException("the log is closed", null);
      }
      Instant now = clock.instant();
      lastTime = now.isAfter(lastTime) ? now : lastTime;
      LogRecord<T> record = new LogRecord<>(nextOffset++, lastTime, value);
      records.addLast(record);
      if (records.size() > capacity) {
        records.removeFirst();
      }
      appended.signalAll();
      return new Appended(record.offset(), record.time());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public LogReader<T> reader(long fromOffset) {
    if (fromOffset < 0) {
      throw new IllegalArgumentException("fromOffset must be at least 0, was " + fromOffset);
    }
    return new Reader(fromOffset);
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private final class Reader implements LogReader<T> {
    private long position;

    Reader(long fromOffset) {
      this.position = fromOffset;
    }

    @Override
    public List<LogRecord<T>> poll(Duration wait) {
      long waitNanos = wait.toNanos();
      lock.lock();
      try {
        while (position >= nextOffset && !closed && waitNanos > 0) {
          waitNanos = appended.awaitNanos(waitNanos);
        }
        if (records.isEmpty() || position >= nextOffset) {
          return List.of();
        }
        long oldest = records.peekFirst().offset();
        position = Math.max(position, oldest);
        List<LogRecord<T>> batch = new ArrayList<>();
        int index = (int) (position - oldest);
        for (LogRecord<T> record : records) {
          if (index-- > 0) {
            continue;
          }
          if (batch.size() == MAX_POLL_RECORDS) {
            break;
          }
          batch.add(record);
        }
        position = batch.get(batch.size() - 1).offset() + 1;
        return batch;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public long end() {
      lock.lock();
      try {
        return nextOffset;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long skipped() {
      return 0;
    }

    @Override
    public void close() {}
  }
}
