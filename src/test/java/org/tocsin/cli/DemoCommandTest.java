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

  @Test
  void theDemoIsTheServerReplayingDniproOnATemporaryDatabaseThatGoesWithIt() throws Exception {
    List<Path> before = demoFolders();
    try (Demo demo = Demo.start(0, 50, java.time.Clock.systemUTC())) {
      // The demo's own folder: an embedded database that journals what the replay sends.
      List<Path> added = new java.util.ArrayList<>(demoFolders());
      added.removeAll(before);
      assertThat(added).hasSize(1);
      try (Stream<Path> files = Files.list(added.get(0))) {
        assertThat(files.map(path -> path.getFileName().toString()))
            .anyMatch(name -> name.endsWith(".mv.db"));
      }
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + demo.port();
      // What only the server (serve) has: the push key, the server's health with its status.
      assertThat(get(http, base + "/api/v1/push/key")).contains("\"publicKey\"");
      assertThat(get(http, base + "/health"))
          .contains("\"alertStatus\":\"Exercise\"")
          .contains("\"engine\":true")
          .contains("\"deliveryPartitions\":[0,1,2,3,4,5,6,7,8,9,10,11]")
          .contains("\"cluster\":false");
      // The replay goes through the server's journal: its report count grows on /metrics.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> get(http, base + "/api/v1/threats").contains("\"id\""));
    }
    assertThat(demoFolders()).as("temporary demo databases").isEqualTo(before);
  }

  private static String get(java.net.http.HttpClient http, String url) throws Exception {
    java.net.http.HttpResponse<String> response =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
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
