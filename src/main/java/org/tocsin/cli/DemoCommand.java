package org.tocsin.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin demo}: the live map, replaying the Dnipro reconstruction as an exercise. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the server on the embedded defaults and replays the reconstructed strike on Dnipro"
          + " of 21 November 2024 as an EXERCISE, in a loop. Open the printed address in a"
          + " browser. The operator console takes two demo accounts, whose passwords are printed"
          + " (exercises and tests only). Stop with Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: 8080).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "The IP address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for every"
              + " address).")
  String bind;

  @Option(
      names = "--speed",
      defaultValue = "1",
      paramLabel = "FACTOR",
      description = "Replay speed; 1 is real time (default: 1).")
  double speed;

  @Mixin CapSenderOption sender = new CapSenderOption();

  @Override
  public Integer call() throws InterruptedException {
    String capSender = sender.checked();
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port: must be within [0, 65535], was " + port);
    }
    if (!(speed > 0) || speed > 1000) {
      throw new IllegalArgumentException("--speed: must be within (0, 1000], was " + speed);
    }
    try (Demo demo = Demo.start(bind, port, speed, capSender, Clock.systemUTC())) {
      // Ctrl-C ends the JVM without leaving this block: close on the way out all the same, so
      // that the demo's temporary database is removed.
      Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "demo-shutdown"));
      spec.commandLine()
          .getOut()
          .printf(
              "Tocsin demo (EXERCISE): replaying %s at %sx. Open %s%n"
                  + "Operator console: %sconsole, log in as %s%n",
              Demo.SCENARIO, speed, demo.listeningUrl(), demo.listeningUrl(), demo.consoleLogins());
      spec.commandLine().getOut().flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
