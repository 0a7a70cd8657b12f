package org.tocsin.bus;

import java.time.Clock;

/**
 * The log of sensor report batches, in the one order the engine reads: in-process on a single node,
 * a Kafka topic with one partition on several ({@link KafkaBus#reports()}).
 */
public final class ReportLog implements RecordLog<ReportBatch> {

  private final RecordLog<ReportBatch> log;

  ReportLog(RecordLog<ReportBatch> log) {
    this.log = log;
  }

  /**
   * A log in this process's memory that keeps the latest {@code capacity} batches, stamped by
   * {@code clock}.
   */
  public static ReportLog inProcess(int capacity, Clock clock) {
    return new ReportLog(new InProcessLog<>(capacity, clock));
  }

  @Override
  public Appended append(ReportBatch batch) {
    return log.append(batch);
  }

  @Override
  public LogReader<ReportBatch> reader(long fromOffset) {
    return log.reader(fromOffset);
  }

  @Override
  public void close() {
    log.close();
  }
}
