package org.tocsin.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its own chromedriver (no downloaded browser): each call
 * starts a browser with a profile of its own, so two of them are two people with their own cookies.
 * It reaches nothing but the server under test.
 */
final class HeadlessChromium {

  private HeadlessChromium() {}

  /**
   * Collects, in every document the browser opens, the Content-Security-Policy violations it
   * reports: registered before any script of the page runs, so that none is missed.
   */
  private static final String RECORD_VIOLATIONS =
      "window.__cspViolations = [];"
          + "document.addEventListener('securitypolicyviolation', function (e) {"
          + "  window.__cspViolations.push(e.effectiveDirective + ' blocked ' + e.blockedURI"
          + "    + ' at ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample);"
          + "}, true);";

  static WebDriver start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
    return browser;
  }

  /** The Content-Security-Policy violations the page on show has reported so far. */
  static List<String> cspViolations(WebDriver browser) {
    Object found =
        ((JavascriptExecutor) browser).executeScript("return window.__cspViolations || null;");
    if (found == null) {
      throw new IllegalStateException("the page has no violation recorder");
    }
    return ((List<?>) found).stream().map(String::valueOf).toList();
  }

  /** Saves what the browser shows to {@code target/screenshots/NAME}. */
  static void screenshot(WebDriver browser, String name) throws Exception {
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Files.write(shots.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
