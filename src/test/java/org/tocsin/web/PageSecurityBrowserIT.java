package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tocsin.alert.AlertStatus;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.store.TestDatabase.Backend;

/**
 * The public page and the console in Debian's headless Chromium keep data out of their markup and
 * run under their Content-Security-Policy: area names that hold HTML show as text and run nothing,
 * and the public page with an alert in force, its legend and its tooltips draws without a single
 * violation. (The console's whole workflow is checked for violations in {@link ConsoleBrowserIT}.)
 */
class PageSecurityBrowserIT {

  /** Markup that runs script wherever it is parsed as HTML, with a name after it. */
  static final String HOSTILE_UK = "<img src=x onerror=\"window.__xss='uk'\">Київ";

  static final String HOSTILE_EN = "<img src=x onerror=\"document.title='xss en'\">Kyiv";

  @TempDir Path dir;
  private WebServer server;
  private ConsoleServer console;
  private WebDriver browser;

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (console != null) {
      console.close();
    }
  }

  @Test
  void hostileAreaNamesShowAsTextOnTheCardAndTheMapAndRunNothing() throws Exception {
    SeaImpactReplay replay = new SeaImpactReplay(hostileAreas());
    server = WebServer.start(replay.live, hostileAreas(), 0);
    browser = HeadlessChromium.start();
    browser.get("http://localhost:" + server.port() + "/");
    String title = browser.getTitle();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("connection")).getText().contains("live"));
    wait.until(b -> ((Number) script("return window.tocsinPage.areasLoaded();")).intValue() == 1);

    replay.feedUntil("ALERT");
    wait.until(b -> !b.findElements(By.cssSelector(".alert-card li")).isEmpty());
    // The area covers the whole map: the pointer anywhere on it opens the area's tooltip.
    new Actions(browser)
        .moveToElement(browser.findElement(By.id("map")))
        .moveByOffset(5, 5)
        .perform();
    wait.until(b -> !b.findElements(By.cssSelector(".leaflet-tooltip")).isEmpty());
    settleBrokenImages();

    String literal = HOSTILE_UK + " · " + HOSTILE_EN;
    assertThat(script("return document.querySelector('.alert-card li').textContent;"))
        .isEqualTo(literal);
    assertThat(script("return document.querySelector('.leaflet-tooltip').textContent;"))
        .isEqualTo(literal);
    assertThat(script("return document.querySelectorAll('main img').length;"))
        .as("no element made from a name")
        .isEqualTo(0L);
    assertThat(script("return window.__xss === undefined ? 'none' : String(window.__xss);"))
        .isEqualTo("none");
    assertThat(browser.getTitle()).isEqualTo(title);
  }

  @Test
  void thePublicPageWithAnAlertDrawsWithoutAPolicyViolation() throws Exception {
    SeaImpactReplay replay = new SeaImpactReplay();
    server = WebServer.start(replay.live, AreaSets.bundled("ua-hromadas"), 0);
    browser = HeadlessChromium.start();
    browser.get("http://localhost:" + server.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("connection")).getText().contains("live"));
    wait.until(
        b -> ((Number) script("return window.tocsinPage.areasLoaded();")).intValue() == 1769);
    replay.feedUntil("ALERT");
    wait.until(b -> !b.findElements(By.cssSelector(".alert-card .countdown")).isEmpty());
    wait.until(b -> !b.findElements(By.cssSelector("#legend .legend-row")).isEmpty());
    new Actions(browser)
        .moveToElement(browser.findElement(By.id("map")))
        .moveByOffset(5, 5)
        .perform();
    wait.until(b -> !b.findElements(By.cssSelector(".leaflet-tooltip")).isEmpty());
    Thread.sleep(1_000); // the countdown ticks four times a second: let it redraw

    assertThat(HeadlessChromium.cspViolations(browser)).isEmpty();
    assertThat(
            script(
                "return getComputedStyle(document.querySelector('#legend .swatch'))"
                    + ".backgroundColor;"))
        .as("the legend's colours are set, not refused by the policy")
        .isEqualTo("rgb(106, 27, 154)");

    // The recorder does see what the policy refuses: an inline script added now is reported.
    script(
        "const s = document.createElement('script');"
            + "s.textContent = 'window.__inline = 1;'; document.body.appendChild(s);");
    wait.until(b -> !HeadlessChromium.cspViolations(b).isEmpty());
    assertThat(HeadlessChromium.cspViolations(browser).get(0)).startsWith("script-src-elem");
    assertThat(script("return window.__inline === undefined;")).isEqualTo(true);
  }

  @Test
  void hostileAreaNamesShowAsTextInTheConsoleAndRunNothing() throws Exception {
    console = new ConsoleServer(Backend.H2, dir, AlertStatus.ACTUAL, hostileAreas());
    console.draft(ConsoleApiTest.draftBody("Exercise", "exercise-shelter", "UA-HOSTILE"));
    browser = HeadlessChromium.start();
    browser.get(console.base() + "/console");
    String title = browser.getTitle();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("login-form")).isDisplayed());
    browser.findElement(By.id("login-name")).sendKeys("olena");
    browser.findElement(By.id("login-password")).sendKeys(ConsoleServer.PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(
        b -> ((Number) script("return window.tocsinConsole.areasLoaded();")).intValue() == 1);
    wait.until(b -> !b.findElements(By.cssSelector("#drafts .names")).isEmpty());
    script("window.tocsinConsole.clickArea('UA-HOSTILE');");
    wait.until(b -> !b.findElements(By.cssSelector("#audience .names")).isEmpty());
    new Actions(browser)
        .moveToElement(browser.findElement(By.id("map")))
        .moveByOffset(5, 5)
        .perform();
    wait.until(b -> !b.findElements(By.cssSelector(".leaflet-tooltip")).isEmpty());
    settleBrokenImages();

    String literal = HOSTILE_UK + " · " + HOSTILE_EN;
    assertThat(script("return document.querySelector('#drafts .names').textContent;"))
        .isEqualTo(literal);
    assertThat(script("return document.querySelector('#audience .names').textContent;"))
        .isEqualTo(literal);
    assertThat(script("return document.querySelector('.leaflet-tooltip').textContent;"))
        .isEqualTo(literal);
    assertThat(script("return document.querySelectorAll('img').length;"))
        .as("no element made from a name")
        .isEqualTo(0L);
    assertThat(script("return window.__xss === undefined ? 'none' : String(window.__xss);"))
        .isEqualTo("none");
    assertThat(browser.getTitle()).isEqualTo(title);
    assertThat(HeadlessChromium.cspViolations(browser)).isEmpty();
  }

  /**
   * One area over the whole map, under the id of the set the page asks for, its names hostile: as a
   * deployment's own area file could hold them.
   */
  private static AreaSet hostileAreas() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode collection = mapper.createObjectNode().put("type", "FeatureCollection");
    ObjectNode feature = collection.putArray("features").addObject().put("type", "Feature");
    feature.put("id", "UA-HOSTILE");
    feature.putObject("properties").put("name_uk", HOSTILE_UK).put("name_en", HOSTILE_EN);
    ObjectNode geometry = feature.putObject("geometry").put("type", "Polygon");
    ArrayNode ring = geometry.putArray("coordinates").addArray();
    double[][] corners = {{20, 42}, {42, 42}, {42, 54}, {20, 54}, {20, 42}};
    for (double[] corner : corners) {
      ring.addArray().add(corner[0]).add(corner[1]);
    }
    byte[] json = collection.toString().getBytes(StandardCharsets.UTF_8);
    return AreaSets.fromGeoJson("ua-hromadas", new ByteArrayInputStream(json), (String) null);
  }

  /**
   * Waits until a broken image of the page's own has failed to load: any image made from a name has
   * then failed too, and its error handler, had it been let run, has run.
   */
  private void settleBrokenImages() {
    ((JavascriptExecutor) browser)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "const probe = new Image(); probe.onerror = () => setTimeout(done, 200);"
                + "probe.src = 'x?probe';");
  }

  private Object script(String code) {
    return ((JavascriptExecutor) browser).executeScript(code);
  }
}
