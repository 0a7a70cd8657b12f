package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.store.Database;

class ServeCommandTest {

  private static final String DB_PASSWORD = "hunter2-db-secret";

  @TempDir Path tempDir;

  private final InProcessCli cli = new InProcessCli();

  @Test
  void theBannerHidesTheDatabasePasswordAndStatesTheLoopbackAddressItListensOn() throws Exception {
    String url = Database.embeddedUrl(tempDir) + ";USER=ops;PASSWORD=" + DB_PASSWORD;
    try (RunningCommand serve = RunningCommand.start(cli, "serve", "--port", "0", "--db", url)) {
      String banner = serve.awaitOut("Listening on");

      assertThat(banner).doesNotContain(DB_PASSWORD).contains("PASSWORD=***");
      Matcher listening =
          Pattern.compile("Listening on http://127\\.0\\.0\\.1:(\\d+)/").matcher(banner);
      assertThat(listening.find()).as(banner).isTrue();
      int port = Integer.parseInt(listening.group(1));
      assertThat(Reachability.accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
      assertThat(Reachability.otherLocalAddresses())
          .allSatisfy(
              address ->
                  assertThat(Reachability.accepts(address, port)).as(address.toString()).isFalse());
    }
  }

  @Test
  void aBindAddressThatIsNotAnIpAddressIsRefusedBeforeAnythingStarts() {
    int status = cli.run("serve", "--port", "0", "--bind", "example.org");

    assertThat(status).isEqualTo(2);
    assertThat(cli.err())
        .startsWith(
            "error: bind address (--bind) must be an IP address such as 127.0.0.1, 0.0.0.0 or"
                + " ::1, was 'example.org'");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aReportWindowOutOfItsBoundsIsRefusedBeforeAnythingStarts() {
    int status = cli.run("serve", "--port", "0", "--report-max-age", "0");

    assertThat(status).isEqualTo(2);
    assertThat(cli.err()).startsWith("error: --report-max-age: must be within [1, 86400] seconds");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void anUpstreamRelayModeThatIsNeitherAutoNorApproveIsRefusedBeforeAnythingStarts() {
    int status = cli.run("serve", "--port", "0", "--upstream-relay", "sometimes");

    assertThat(status).isEqualTo(2);
    assertThat(cli.err())
        .startsWith("error: --upstream-relay: must be auto or approve, was 'sometimes'");
    assertThat(cli.out()).isEmpty();
  }
}
