package org.tocsin.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The broker's child process: formats its storage (once: {@code --ignore-formatted}), then runs
 * {@code kafka.Kafka}. It watches its standard input, a pipe from the test JVM: when that closes,
 * the test JVM is gone (even killed), and the broker halts rather than outlive it.
 *
 * <p>Arguments: the server.properties file and the cluster id.
 */
public final class KafkaBrokerProcess {

  private KafkaBrokerProcess() {}

  public static void main(String[] args) throws Exception {
    String config = args[0];
    String clusterId = args[1];
    Thread watchdog = new Thread(KafkaBrokerProcess::haltWhenParentIsGone, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    int formatted =
        kafka.tools.StorageTool.execute(
            new String[] {"format", "-t", clusterId, "-c", config, "--ignore-formatted"},
            new PrintStream(System.out, true, StandardCharsets.UTF_8));
    if (formatted != 0) {
      System.err.println("storage format failed: " + formatted);
      Runtime.getRuntime().halt(2);
    }
    kafka.Kafka.main(new String[] {config});
  }

  private static void haltWhenParentIsGone() {
    InputStream in = System.in;
    byte[] buffer = new byte[64];
    try {
      while (in.read(buffer) >= 0) {
        // Nothing is sent on this pipe; it only tells that the parent is alive.
      }
    } catch (IOException e) {
      // A broken pipe means the same: the parent is gone.
    }
    Runtime.getRuntime().halt(3);
  }
}
