package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tocsin.area.AreaSets;

/**
 * The public page in Debian's headless Chromium: it loads, an alert arrives over SSE, the warned
 * areas turn the level's colour, the countdown runs, the exercise is marked, and the Cancel clears
 * it all.
 */
class PublicPageBrowserIT {

  private SeaImpactReplay replay;
  private WebServer server;
  private WebDriver browser;

  @BeforeEach
  void start() {
    replay = new SeaImpactReplay();
    server = WebServer.start(replay.live, AreaSets.bundled("ua-hromadas"), 0);
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  @Test
  void anAlertArrivesColoursItsAreasCountsDownAndTheCancelClearsIt() throws Exception {
    browser.get("http://localhost:" + server.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("connection")).getText().contains("live"));
    wait.until(
        b -> ((Number) script("return window.tocsinPage.areasLoaded();")).intValue() == 1769);
    assertThat(browser.findElement(By.id("status-banner")).getText()).contains("EXERCISE");
    assertThat(browser.findElement(By.id("alerts")).getText())
        .isEqualTo("НАВЧАННЯ · EXERCISE Тривог немає · No alerts in force");
    assertThat(
            browser
                .findElement(By.cssSelector("#alerts .exercise-tag"))
                .getCssValue("background-color"))
        .as("the mark is styled, not bare text glued to the message")
        .isEqualTo("rgba(255, 212, 0, 1)");

    replay.feedUntil("ALERT");
    wait.until(b -> !b.findElements(By.cssSelector(".alert-card")).isEmpty());
    Map<?, ?> shown = (Map<?, ?>) script("return window.tocsinPage.renderedLevels();");
    assertThat(shown).isNotEmpty();
    String level = browser.findElement(By.cssSelector(".alert-card")).getDomAttribute("data-level");
    assertThat(shown.values().stream().map(String::valueOf).toList()).contains(level);
    assertThat(browser.findElement(By.cssSelector(".alert-card .exercise-tag")).getText())
        .contains("EXERCISE");
    assertThat(browser.findElement(By.cssSelector("#history li")).getText()).contains("EXERCISE");

    // Read in one go: the page redraws its cards every second, so an element found first may be
    // gone by the time its text is asked for.
    String countdown = "return document.querySelector('.countdown').textContent;";
    String first = String.valueOf(script(countdown));
    Thread.sleep(2_100);
    String later = String.valueOf(script(countdown));
    assertThat(seconds(later)).isLessThan(seconds(first));

    replay.feedUntil("CANCEL");
    wait.until(b -> b.findElements(By.cssSelector(".alert-card")).isEmpty());
    assertThat((Map<?, ?>) script("return window.tocsinPage.renderedLevels();")).isEmpty();
    assertThat(browser.findElement(By.id("alerts")).getText()).contains("No alerts in force");
  }

  @Test
  void theMapHasALegendForShelterAndPrepareInTheColoursOnShow() {
    browser.get("http://localhost:" + server.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> !b.findElements(By.cssSelector("#map #legend .legend-row")).isEmpty());

    // Read in one go: the page redraws its legend with every refresh.
    List<String> rows =
        ((List<?>)
                script(
                    "return Array.from(document.querySelectorAll('#map #legend .legend-row'))"
                        + ".map(r => r.textContent + ' | '"
                        + " + getComputedStyle(r.querySelector('.swatch')).backgroundColor);"))
            .stream().map(String::valueOf).toList();
    assertThat(rows)
        .as("the exercise's colours, as the areas are drawn")
        .containsExactly(
            "НАВЧАННЯ · EXERCISE: УКРИТТЯ · SHELTER | rgb(106, 27, 154)",
            "НАВЧАННЯ · EXERCISE: ГОТУЙТЕСЯ · PREPARE | rgb(179, 157, 219)");
  }

  @Test
  void theFaviconIsServedByTheServerItself() {
    browser.get("http://localhost:" + server.port() + "/");
    String href = browser.findElement(By.cssSelector("link[rel=icon]")).getDomProperty("href");
    assertThat(href).isEqualTo("http://localhost:" + server.port() + "/favicon.svg");

    Object served =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/favicon.svg').then(r => r.text().then(t => done("
                    + "r.status + ' ' + r.headers.get('content-type') + ' ' + t.includes('<svg'))));");
    assertThat(String.valueOf(served)).startsWith("200 image/svg+xml").endsWith(" true");
  }

  private Object script(String code) {
    return ((JavascriptExecutor) browser).executeScript(code);
  }

  private static int seconds(String minutesSeconds) {
    String[] parts = minutesSeconds.split(":");
    return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
  }

  private void screenshot(String name) throws Exception {
    HeadlessChromium.screenshot(browser, name);
  }
}
