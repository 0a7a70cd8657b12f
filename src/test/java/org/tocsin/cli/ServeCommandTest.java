package org.tocsin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tocsin.area.AreaSets;
import org.tocsin.atlas.AtlasFormats;
import org.tocsin.atlas.AtlasLayer;
import org.tocsin.atlas.AtlasLayerReader;
import org.tocsin.atlas.AtlasSettings;
import org.tocsin.atlas.ShelterAtlas;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
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
  void aLimitOfEventStreamClientsBelowOneIsRefusedBeforeAnythingStarts() {
    int status = cli.run("serve", "--port", "0", "--max-event-clients", "0");

    assertThat(status).isEqualTo(2);
    assertThat(cli.err())
        .startsWith(
            "error: event-stream clients (--max-event-clients) must be within [1, 1000000], was 0");
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

  @Test
  void aBrokenAtlasIsRefusedBeforeAnythingStarts() throws Exception {
    Path atlas = tempDir.resolve("atlas.geojson");
    Files.writeString(atlas, "{\"type\": \"Feature\"}");
    Path data = tempDir.resolve("db");

    int status =
        cli.run(
            "serve",
            "--port",
            "0",
            "--atlas",
            atlas.toString(),
            "--db",
            Database.embeddedUrl(data));

    assertThat(status).isEqualTo(2);
    assertThat(cli.err())
        .startsWith(
            "error: atlas file " + atlas + ": type must be \"FeatureCollection\", was \"Feature\"");
    assertThat(cli.out()).isEmpty();
    assertThat(data).doesNotExist();
  }

  @Test
  void theAtlasGivenIsServedToThePage() throws Exception {
    Path atlas = tempDir.resolve("atlas.geojson");
    Files.writeString(
        atlas,
        AtlasFormats.geoJson(
            new ShelterAtlas(AtlasSettings.of(ThreatClass.SRBM), Runnable::run)
                .compute(
                    AreaSets.bundled("ua-oblasts"), List.of(GeoPoint.of(51.9, 27.9)), s -> {})));
    String url = Database.embeddedUrl(tempDir.resolve("db"));
    try (RunningCommand serve =
        RunningCommand.start(
            cli, "serve", "--port", "0", "--db", url, "--atlas", atlas.toString())) {
      Matcher listening =
          Pattern.compile("Listening on (http://\\S+/)").matcher(serve.awaitOut("Listening on"));
      assertThat(listening.find()).isTrue();
      HttpResponse<String> served =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(listening.group(1) + "api/v1/atlas")).build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/geo+json"));
      AtlasLayer layer =
          AtlasLayerReader.parse(served.body().getBytes(StandardCharsets.UTF_8), "served");
      assertThat(layer.areas()).hasSize(AreaSets.bundled("ua-oblasts").areas().size());
      assertThat(layer.threatClassId()).isEqualTo("srbm");
    }
  }
}
