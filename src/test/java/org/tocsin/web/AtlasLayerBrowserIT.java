package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tocsin.area.AreaSets;
import org.tocsin.atlas.AtlasFormats;
import org.tocsin.atlas.AtlasLayer;
import org.tocsin.atlas.AtlasLayerReader;
import org.tocsin.atlas.AtlasSettings;
import org.tocsin.atlas.ShelterAtlas;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;

/**
 * The "time to shelter" layer in Debian's headless Chromium: a server started with an atlas offers
 * the layer, draws each area in the colour of its minutes of warning (beyond reach in grey) with a
 * legend, and "My area" gives the planning figure of the area the browser is in; a server without
 * an atlas offers nothing of it.
 */
class AtlasLayerBrowserIT {

  /** Short-range missiles from Kaliningrad over the raions: the west within reach, the east not. */
  private static AtlasLayer atlas;

  private SeaImpactReplay replay;
  private WebServer server;
  private WebDriver browser;

  @BeforeAll
  static void computeAtlas() {
    String written =
        AtlasFormats.geoJson(
            new ShelterAtlas(AtlasSettings.of(ThreatClass.SRBM), Runnable::run)
                .compute(AreaSets.bundled("ua-raions"), List.of(GeoPoint.of(54.7, 20.5)), s -> {}));
    atlas = AtlasLayerReader.parse(written.getBytes(StandardCharsets.UTF_8), "raions atlas");
  }

  @BeforeEach
  void start() {
    replay = new SeaImpactReplay();
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theLayerColoursEveryAreaByItsMinutesAndMyAreaGivesItsFigure() throws Exception {
    server =
        WebServer.start(
            replay.live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE).withAtlas(atlas));
    browser.get("http://localhost:" + server.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> number("return window.tocsinPage.atlasAreas();") == atlas.areas().size());
    assertThat((Boolean) script("return window.tocsinPage.atlasShown();")).isFalse();
    assertThat(browser.findElements(By.id("atlas-legend"))).isEmpty();

    browser.findElement(By.id("atlas-toggle")).click();
    wait.until(b -> (Boolean) script("return window.tocsinPage.atlasShown();"));
    assertThat(
            String.valueOf(
                script(
                    "const z = p => getComputedStyle(document.querySelector('.leaflet-' + p"
                        + " + '-pane')).zIndex;"
                        + "return [z('land'), z('atlas'), z('overlay'),"
                        + " !!document.querySelector('.leaflet-land-pane canvas'),"
                        + " !!document.querySelector('.leaflet-atlas-pane canvas')].join(' ');")))
        .as("the layer is drawn above the land and beneath the areas warned")
        .isEqualTo("300 350 400 true true");
    String legend = browser.findElement(By.id("atlas-legend")).getText();
    assertThat(legend)
        .contains("Minutes of warning (SRBM)", "beyond reach", "not a bound")
        .containsPattern("\\d+–\\d+ хв · min");

    Map<?, ?> colours = (Map<?, ?>) script("return window.tocsinAtlas.colours();");
    assertThat(colours).hasSize(atlas.areas().size());
    long beyond = atlas.areas().stream().filter(a -> a.warningTimeS().isEmpty()).count();
    assertThat(beyond).as("the atlas has areas beyond reach").isPositive();
    for (AtlasLayer.Entry area : atlas.areas()) {
      String colour = String.valueOf(colours.get(area.id()));
      if (area.warningTimeS().isEmpty()) {
        assertThat(colour).as(area.id()).isIn("#c8c8c8", "#8c8c8c");
      } else {
        assertThat(colour).as(area.id()).matches("#[0-9a-f]{6}").isNotIn("#c8c8c8", "#8c8c8c");
      }
    }
    // The fewest minutes in the atlas take the first colour of the ramp, the most the last.
    AtlasLayer.Entry least = extreme(true);
    AtlasLayer.Entry most = extreme(false);
    assertThat(colours.get(least.id())).isEqualTo("#b2182b");
    assertThat(colours.get(most.id())).isEqualTo("#253494");

    // Lutsk, in the west: within reach.
    locateAt(50.75, 25.33);
    AtlasLayer.Entry lutsk = entryAt(50.75, 25.33);
    assertThat(lutsk.warningTimeS()).isPresent();
    int seconds = (int) Math.round(lutsk.warningTimeS().getAsDouble());
    String expected = (seconds / 60) + " min " + (seconds % 60) + " s";
    wait.until(b -> b.findElement(By.id("my-planning")).getText().contains(expected));
    assertThat(browser.findElement(By.id("my-planning")).getText())
        .contains("Planning time to shelter: " + expected, "SRBM flight", "not a bound");
    HeadlessChromium.screenshot(browser, "page-atlas.png");

    // Luhansk, in the east: beyond a short-range missile's reach from Kaliningrad.
    assertThat(entryAt(48.57, 39.31).warningTimeS()).isEmpty();
    locateAt(48.57, 39.31);
    wait.until(b -> b.findElement(By.id("my-planning")).getText().contains("beyond an SRBM"));

    browser.findElement(By.id("atlas-toggle")).click();
    wait.until(b -> !(Boolean) script("return window.tocsinPage.atlasShown();"));
    assertThat(browser.findElements(By.id("atlas-legend"))).isEmpty();
  }

  @Test
  void aServerWithoutAnAtlasOffersNoLayerAndNoFigure() {
    server = WebServer.start(replay.live, AreaSets.bundled("ua-hromadas"), 0);
    browser.get("http://localhost:" + server.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> number("return window.tocsinPage.areasLoaded();") == 1769);
    locateAt(50.75, 25.33);
    wait.until(b -> b.findElement(By.id("my-status")).getText().contains("Луцьк"));
    assertThat(browser.findElements(By.id("atlas-toggle"))).isEmpty();
    assertThat(browser.findElement(By.id("my-planning")).isDisplayed()).isFalse();
    assertThat(HeadlessChromium.cspViolations(browser)).isEmpty();
  }

  private AtlasLayer.Entry extreme(boolean least) {
    AtlasLayer.Entry found = null;
    for (AtlasLayer.Entry area : atlas.areas()) {
      if (area.warningTimeS().isEmpty()) {
        continue;
      }
      double s = area.warningTimeS().getAsDouble();
      if (found == null
          || (least
              ? s < found.warningTimeS().getAsDouble()
              : s > found.warningTimeS().getAsDouble())) {
        found = area;
      }
    }
    return found;
  }

  private static AtlasLayer.Entry entryAt(double lat, double lon) {
    Point point = new GeometryFactory().createPoint(new Coordinate(lon, lat));
    return atlas.areas().stream()
        .filter(a -> a.geometry().contains(point))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no atlas area holds " + lat + ", " + lon));
  }

  /** Puts the browser at a place, with leave to say so, and asks the page for "My area". */
  private void locateAt(double lat, double lon) {
    ChromeDriver chrome = (ChromeDriver) browser;
    chrome.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of(
            "origin", "http://localhost:" + server.port(), "permissions", List.of("geolocation")));
    chrome.executeCdpCommand(
        "Emulation.setGeolocationOverride",
        Map.of("latitude", lat, "longitude", lon, "accuracy", 10));
    browser.findElement(By.id("locate")).click();
  }

  private long number(String code) {
    Object value = script(code);
    return value instanceof Number n ? n.longValue() : -1;
  }

  private Object script(String code) {
    return ((JavascriptExecutor) browser).executeScript(code);
  }
}
