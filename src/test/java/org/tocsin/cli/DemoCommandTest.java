package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  private final InProcessCli cli = new InProcessCli();

  @Test
  void aPortInUseIsRefusedWithStatusTwoAndLeavesNoTemporaryDatabase() throws IOException {
    List<Path> before = demoFolders();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = taken.getLocalPort();

      int status = cli.run("demo", "--port", String.valueOf(port));

      assertThat(status).isEqualTo(2);
      assertThat(cli.err())
          .startsWith("error: --port: port " + port + " is in use")
          .doesNotContain("Exception")
          .doesNotContain("internal error");
      assertThat(cli.out()).isEmpty();
    }
    assertThat(demoFolders()).as("temporary demo databases").isEqualTo(before);
  }

  @Test
  void theDemoListensOnLoopbackOnlyAndItsBannerSaysSo() throws Exception {
    try (RunningCommand demo = RunningCommand.start(cli, "demo", "--port", "0", "--speed", "10")) {
      Matcher open =
          Pattern.compile("Open http://127\\.0\\.0\\.1:(\\d+)/").matcher(demo.awaitOut("Open"));
      assertThat(open.find()).as(cli.out()).isTrue();
      int port = Integer.parseInt(open.group(1));

      assertThat(Reachability.accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
      assertThat(Reachability.otherLocalAddresses())
          .isNotEmpty()
          .allSatisfy(
              address ->
                  assertThat(Reachability.accepts(address, port)).as(address.toString()).isFalse());
    }
  }

  private static List<Path> demoFolders() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("tocsin-demo-"))
          .sorted()
          .toList();
    }
  }
}
