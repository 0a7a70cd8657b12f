package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tocsin.cli.Demo;

/**
 * The public page on {@code tocsin demo}'s Dnipro replay, sped up: the warnings as people see them
 * (the README's screenshot, {@code target/screenshots/page-alert.png}), then what the cards say
 * once the predicted arrival has passed, all without breaking the page's Content-Security-Policy.
 */
class DemoPageBrowserIT {

  /** Fast enough to reach the arrival in about a minute, slow enough to watch it. */
  private static final double SPEED = 20;

  private Demo demo;
  private WebDriver browser;

  @BeforeEach
  void start() {
    demo = Demo.start(0, SPEED, Clock.systemUTC());
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    demo.close();
  }

  @Test
  void afterTheArrivalTheCardsSayToStayInShelterUntilTheAllClear() throws Exception {
    browser.get("http://localhost:" + demo.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
    wait.pollingEvery(Duration.ofMillis(100));

    wait.until(b -> !b.findElements(By.cssSelector(".alert-card.shelter .countdown")).isEmpty());
    Thread.sleep(1_500); // the map's areas coloured, the countdown running
    HeadlessChromium.screenshot(browser, "page-alert.png");

    // Read in one go: the page redraws the arrival line four times a second.
    String card =
        wait.until(
            b ->
                (String)
                    ((JavascriptExecutor) b)
                        .executeScript(
                            "const after = document.querySelector("
                                + "'.alert-card.shelter .after-arrival');"
                                + "return after ? after.closest('.alert-card').textContent : null;"));
    assertThat(card)
        .contains("Залишайтеся в укритті до відбою · Stay in shelter until the all-clear")
        .as("no countdown stuck at 0:00 once the arrival has passed")
        .doesNotContain("0:00")
        .doesNotContain("arrival in");
    assertThat(Files.size(Path.of("target", "screenshots", "page-alert.png"))).isPositive();
    assertThat(HeadlessChromium.cspViolations(browser)).isEmpty();
  }
}
