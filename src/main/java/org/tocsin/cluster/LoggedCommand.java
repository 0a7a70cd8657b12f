package org.tocsin.cluster;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.tocsin.node.Command;

/**
 * A command as the shared log holds it: what it is, without its time, which is the log's time for
 * its record (the broker's), so that every node's engine decides it at the same instant.
 *
 * @param name the command's name ({@link Command#name()})
 * @param json its record, as written
 * @param at the command at a time
 */
record LoggedCommand(String name, String json, Function<Instant, Command> at) {

  LoggedCommand {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(at, "at");
  }

  /** The command decided at {@code time}: the log's time for its record. */
  Command command(Instant time) {
    return at.apply(time);
  }
}
