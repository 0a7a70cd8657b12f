package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tocsin.alert.AlertStatus;
import org.tocsin.store.TestDatabase.Backend;

/**
 * The console in Debian's headless Chromium, with two people in two browsers (separate profiles, so
 * separate cookies) and the public page in a third: an operator drafts, a second person approves,
 * the public page shows the alert, the operator sends the ready Cancel and the page clears. Once
 * for an Actual alert and once for an exercise, which must be marked as one at every step. No page
 * breaks its Content-Security-Policy on the way.
 */
class ConsoleBrowserIT {

  private static final String AREA = "UA8000000";

  @TempDir Path dir;
  private ConsoleServer server;
  private final List<WebDriver> browsers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new ConsoleServer(Backend.H2, dir, AlertStatus.ACTUAL);
  }

  @AfterEach
  void stop() throws Exception {
    browsers.forEach(WebDriver::quit);
    server.close();
  }

  @Test
  void anActualAlertIsDraftedApprovedByASecondPersonShownAndCancelled() throws Exception {
    run("Actual", "ACTUAL", "actual-shelter", "console");
  }

  @Test
  void anExerciseGoesTheSameWayAndIsMarkedAsOneAtEveryStep() throws Exception {
    run("Exercise", "EXERCISE", "exercise-shelter", "console-exercise");
  }

  private void run(String status, String word, String template, String shots) throws Exception {
    WebDriver publicPage = browser();
    publicPage.get(server.base() + "/");
    WebDriverWait pageWait = new WebDriverWait(publicPage, Duration.ofSeconds(30));
    pageWait.until(b -> b.findElement(By.id("connection")).getText().contains("live"));

    WebDriver olena = loggedIn("olena");
    olena.findElement(By.cssSelector("#status-tabs button[data-status='" + status + "']")).click();
    assertThat(olena.findElement(By.id("mode-banner")).getText()).contains(word);
    WebDriverWait wait = new WebDriverWait(olena, Duration.ofSeconds(30));
    wait.until(
        b ->
            b.findElements(By.cssSelector("#template option[value='" + template + "']")).size()
                == 1);
    new Select(olena.findElement(By.id("template"))).selectByValue(template);
    wait.until(b -> !b.findElement(By.id("headline-en")).getDomProperty("value").isBlank());
    script(olena, "window.tocsinConsole.clickArea('" + AREA + "');");
    wait.until(b -> b.findElement(By.id("audience")).getText().contains("1 area"));
    olena.findElement(By.id("submit-draft")).click();
    String submit = confirmText(olena);
    assertThat(submit).contains(word);
    screenshot(olena, shots + "-draft.png");
    olena.findElement(By.id("confirm-yes")).click();
    wait.until(b -> !b.findElements(By.cssSelector(".draft[data-state='pending']")).isEmpty());
    WebElement mine = olena.findElement(By.cssSelector(".draft[data-state='pending']"));
    assertThat(mine.getDomAttribute("data-status")).isEqualTo(status);
    assertThat(mine.findElement(By.cssSelector(".status-tag")).getText()).contains(word);
    assertThat(mine.findElements(By.cssSelector(".approve"))).isEmpty();
    assertThat(cards(publicPage)).isEmpty();

    WebDriver petro = loggedIn("petro");
    WebDriverWait petroWait = new WebDriverWait(petro, Duration.ofSeconds(30));
    petroWait.until(
        b -> !b.findElements(By.cssSelector(".draft[data-state='pending'] .approve")).isEmpty());
    WebElement draft = petro.findElement(By.cssSelector(".draft[data-state='pending']"));
    assertThat(draft.getText()).contains(word).contains("Kyiv");
    draft.findElement(By.cssSelector(".approve")).click();
    String approval = confirmText(petro);
    assertThat(approval).contains(word).contains("1 area");
    // The whole screen says what the click would send, whatever this approver was drafting.
    String banner = petro.findElement(By.id("mode-banner")).getText();
    assertThat(banner).contains(word);
    if (status.equals("Actual")) {
      assertThat(banner).doesNotContain("EXERCISE");
    }
    screenshot(petro, shots + "-approve.png");
    petro.findElement(By.id("confirm-yes")).click();

    pageWait.until(b -> !cards(b).isEmpty());
    WebElement card = cards(publicPage).get(0);
    assertThat(card.getDomAttribute("data-status")).isEqualTo(status);
    Map<?, ?> levels = (Map<?, ?>) script(publicPage, "return window.tocsinPage.renderedLevels();");
    assertThat(levels.get(AREA)).isEqualTo("shelter");
    Map<?, ?> statuses =
        (Map<?, ?>) script(publicPage, "return window.tocsinPage.renderedStatuses();");
    assertThat(statuses.get(AREA)).isEqualTo(status);
    if (status.equals("Actual")) {
      assertThat(card.findElements(By.cssSelector(".exercise-tag"))).isEmpty();
      assertThat(publicPage.findElement(By.id("status-banner")).isDisplayed()).isFalse();
    } else {
      assertThat(card.findElement(By.cssSelector(".exercise-tag")).getText()).contains(word);
      assertThat(publicPage.findElement(By.id("status-banner")).getText()).contains(word);
      assertThat(publicPage.findElement(By.cssSelector("#history li")).getText()).contains(word);
    }
    screenshot(publicPage, shots + "-public.png");

    wait.until(b -> !b.findElements(By.cssSelector(".alert-item .ready-cancel")).isEmpty());
    WebElement alert = olena.findElement(By.cssSelector(".alert-item"));
    assertThat(alert.getDomAttribute("data-status")).isEqualTo(status);
    assertThat(alert.findElement(By.cssSelector(".status-tag")).getText()).contains(word);
    alert.findElement(By.cssSelector(".ready-cancel")).click();
    String cancel = confirmText(olena);
    assertThat(cancel).contains("CANCEL").contains(word);
    screenshot(olena, shots + "-cancel.png");
    olena.findElement(By.id("confirm-yes")).click();

    pageWait.until(b -> cards(b).isEmpty());
    assertThat((Map<?, ?>) script(publicPage, "return window.tocsinPage.renderedLevels();"))
        .isEmpty();
    assertThat(publicPage.findElement(By.id("alerts")).getText()).contains("No alerts in force");
    wait.until(b -> b.findElements(By.cssSelector(".alert-item")).isEmpty());
    for (WebDriver browser : browsers) {
      assertThat(HeadlessChromium.cspViolations(browser))
          .as("policy violations on " + browser.getCurrentUrl())
          .isEmpty();
    }
  }

  private WebDriver loggedIn(String account) {
    WebDriver browser = browser();
    browser.get(server.base() + "/console");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("login-form")).isDisplayed());
    browser.findElement(By.id("login-name")).sendKeys(account);
    browser.findElement(By.id("login-password")).sendKeys(ConsoleServer.PASSWORD);
    browser.findElement(By.id("login-submit")).click();
    wait.until(b -> b.findElement(By.id("whoami")).getText().contains(account));
    wait.until(
        b -> ((Number) script(b, "return window.tocsinConsole.areasLoaded();")).intValue() == 1769);
    return browser;
  }

  private static String confirmText(WebDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.until(b -> b.findElement(By.id("confirm-dialog")).isDisplayed());
    return browser.findElement(By.id("confirm-dialog")).getText();
  }

  private static List<WebElement> cards(WebDriver browser) {
    return browser.findElements(By.cssSelector(".alert-card"));
  }

  private WebDriver browser() {
    WebDriver browser = HeadlessChromium.start();
    browsers.add(browser);
    return browser;
  }

  private static Object script(WebDriver browser, String code) {
    return ((JavascriptExecutor) browser).executeScript(code);
  }

  private static void screenshot(WebDriver browser, String name) throws Exception {
    HeadlessChromium.screenshot(browser, name);
  }
}
