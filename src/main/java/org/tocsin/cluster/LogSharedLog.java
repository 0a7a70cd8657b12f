package org.tocsin.cluster;

import java.util.Objects;
import org.tocsin.bus.LogUnavailableException;
import org.tocsin.bus.RecordLog;
import org.tocsin.node.Command;
import org.tocsin.node.SharedLog;
import org.tocsin.node.WriterUnavailableException;

/** The shared log of commands on a {@link RecordLog}: the reports topic on a cluster. */
final class LogSharedLog implements SharedLog {

  private final RecordLog<LoggedCommand> log;

  LogSharedLog(RecordLog<LoggedCommand> log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public long append(Command command) {
    LoggedCommand record = CommandCodec.of(command);
    try {
      return log.append(record).offset();
    } catch (LogUnavailableException e) {
      throw new WriterUnavailableException(
          command.name()
              + ": the cluster's log did not take it ("
              + e.getMessage()
              + "); try again",
          e);
    }
  }
}
