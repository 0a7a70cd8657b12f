package org.tocsin.cli;

import java.time.Duration;
import java.time.Instant;

/**
 * A command that runs until stopped ({@code serve}, {@code demo}), run on its own thread of the
 * test's JVM and stopped by interrupting it, which ends its wait and closes its server.
 */
final class RunningCommand implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final InProcessCli cli;
  private final Thread thread;

  private RunningCommand(InProcessCli cli, Thread thread) {
    this.cli = cli;
    this.thread = thread;
  }

  static RunningCommand start(InProcessCli cli, String... args) {
    Thread thread = new Thread(() -> cli.run(args), "running-" + args[0]);
    thread.setDaemon(true);
    thread.start();
    return new RunningCommand(cli, thread);
  }

  /** What the command printed, once it has printed {@code text}. */
  String awaitOut(String text) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!cli.out().contains(text)) {
      if (!thread.isAlive()) {
        throw new AssertionError("the command ended: " + cli.out() + cli.err());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the command printed no '" + text + "': " + cli.out());
      }
      Thread.sleep(50);
    }
    return cli.out();
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(START_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
