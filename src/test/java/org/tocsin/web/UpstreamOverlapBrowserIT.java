package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.store.Database;
import org.tocsin.store.KeyHolder;
import org.tocsin.store.SensorKeys;

/**
 * On the public page, an area that the engine tells to shelter and an upstream authority tells to
 * prepare is one warning: listed once, on the shelter card, naming both sources; the authority's
 * prepare card does not list it again.
 */
class UpstreamOverlapBrowserIT {

  @TempDir Path dir;

  @Test
  void anAreaWarnedByTheEngineAndAnAuthorityIsListedOnceAtTheHigherLevelWithBothSources()
      throws Exception {
    SeaImpactReplay replay = new SeaImpactReplay();
    WebDriver browser = null;
    try (Database database = Database.openEmbedded(dir)) {
      String key =
          new SensorKeys(database, java.time.Clock.systemUTC())
              .add("air-force", KeyHolder.UPSTREAM_AUTHORITY);
      var trusted = UpstreamRelayServer.ecKey();
      try (WebServer server =
          WebServer.start(
              replay.live,
              UpstreamRelayServer.AREAS,
              UpstreamRelayServer.options(database, trusted, UpstreamAuthorities.RelayMode.AUTO))) {
        String base = "http://localhost:" + server.port();
        replay.feedUntil("ALERT");
        Map.Entry<String, List<AreaWarning>> engine =
            replay.live.inForce().entrySet().iterator().next();
        String area =
            engine.getValue().stream()
                .filter(w -> w.level() == AlertLevel.SHELTER)
                .findFirst()
                .orElseThrow()
                .areaId();
        String name = UpstreamRelayServer.AREAS.byId(area).orElseThrow().nameEn();
        Instant now = replay.clock.instant();
        UpstreamOverlapTest.post(
            base, key, trusted, UpstreamOverlapTest.message("af-1", "Alert", "", area, now));

        browser = HeadlessChromium.start();
        browser.get(base + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        List<String> cards =
            wait.until(
                b -> {
                  List<String> read = cardsOf(b);
                  return read.stream().anyMatch(c -> c.contains("sources")) ? read : null;
                });

        List<String> listing = cards.stream().filter(c -> c.contains(name + " — ")).toList();
        assertThat(listing).as("the area is listed once").hasSize(1);
        assertThat(listing.get(0))
            .startsWith("shelter|")
            .contains(name + " — джерела · sources: Tocsin + air-force");
        assertThat(cards.stream().filter(c -> c.startsWith("prepare|")).toList())
            .as("the authority's prepare card does not list the area again")
            .noneMatch(c -> c.contains(name));
      }
    } finally {
      if (browser != null) {
        browser.quit();
      }
    }
  }

  /** Each card as "level|its text", read in one go: the page redraws its cards every second. */
  private static List<String> cardsOf(WebDriver browser) {
    Object found =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('.alert-card'))"
                    + ".map(c => c.dataset.level + '|' + c.textContent);");
    return ((List<?>) found).stream().map(String::valueOf).toList();
  }
}
