package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tocsin.area.AreaSets;
import org.tocsin.delivery.PushSubscriptions;
import org.tocsin.delivery.webpush.VapidKeys;
import org.tocsin.store.MutableClock;
import org.tocsin.store.TestDatabase;

/**
 * "Notify me" in Debian's headless Chromium: the page registers its service worker and subscribes
 * for the area the browser is in (the test stands in for the browser's push service, which cannot
 * be reached here, by answering {@code PushManager.subscribe} itself), the server keeps the
 * subscription, a push delivered to the service worker through the DevTools protocol shows a
 * notification marked as an exercise, and "Stop notifications" removes the subscription.
 */
class NotifyBrowserIT {

  @TempDir Path tempDir;

  private TestDatabase db;
  private PushSubscriptions store;
  private WebServer server;
  private WebDriver browser;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create(TestDatabase.Backend.H2, tempDir);
    store =
        new PushSubscriptions(
            db.database(), new MutableClock(Instant.parse("2026-12-02T08:00:00Z")));
    server =
        WebServer.start(
            new SeaImpactReplay().live,
            AreaSets.bundled("ua-hromadas"),
            ServerOptions.defaults(0, SensorAuthenticator.NONE)
                .withVapidKeys(VapidKeys.generate())
                .withPushSubscriptions(store));
    browser = HeadlessChromium.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    server.close();
    db.close();
  }

  @Test
  void thePageSubscribesItsServiceWorkerShowsAPushedExerciseAndStops() throws Exception {
    String origin = "http://localhost:" + server.port();
    ChromeDriver chrome = (ChromeDriver) browser;
    chrome.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of("origin", origin, "permissions", List.of("geolocation", "notifications")));
    chrome.executeCdpCommand(
        "Emulation.setGeolocationOverride",
        Map.of("latitude", 48.46, "longitude", 35.04, "accuracy", 10));
    // The browser's push service, stood in for: a subscription with real keys, as Chromium gives.
    chrome.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "(function () {"
                + "  if (!window.PushManager) return;"
                + "  let current = null;"
                + "  const json = {endpoint: 'https://push.example.org/send/browser-1',"
                + "    expirationTime: null, keys: {p256dh: '"
                + BrowserPushKeys.p256dh()
                + "', auth: '"
                + BrowserPushKeys.auth()
                + "'}};"
                + "  PushManager.prototype.subscribe = function (options) {"
                + "    window.__applicationServerKey = options.applicationServerKey.byteLength;"
                + "    current = {endpoint: json.endpoint, toJSON: () => json,"
                + "      unsubscribe: () => { current = null; return Promise.resolve(true); }};"
                + "    return Promise.resolve(current);"
                + "  };"
                + "  PushManager.prototype.getSubscription = function () {"
                + "    return Promise.resolve(current); };"
                + "})();"));

    browser.get(origin + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> number("return window.tocsinPage.areasLoaded();") == 1769);
    browser.findElement(By.id("notify-here")).click();
    wait.until(b -> b.findElement(By.id("notify-status")).getText().contains("Notifications on"));
    assertThat(number("return window.__applicationServerKey;"))
        .as("the VAPID public key, 65 bytes, handed to the push service")
        .isEqualTo(65);
    assertThat(count()).isEqualTo(1);
    assertThat(browser.findElement(By.id("notify-stop")).isDisplayed()).isTrue();

    chrome.executeCdpCommand("ServiceWorker.enable", Map.of());
    String arrival = "2026-12-02T08:07:00Z";
    String message =
        "{\"threat\":\"T-17\",\"msgType\":\"Alert\",\"status\":\"Exercise\",\"exercise\":true,"
            + "\"level\":\"shelter\",\"areas\":[{\"id\":\"UA1202001\",\"nameUk\":\"Дніпровська\","
            + "\"nameEn\":\"Dniprovska\",\"level\":\"shelter\",\"earliestArrival\":\""
            + arrival
            + "\"}],\"headline\":{\"uk\":\"НАВЧАННЯ — Ракетна загроза\",\"en\":\"EXERCISE —"
            + " Missile threat\"},\"instruction\":{\"uk\":\"Негайно в укриття.\",\"en\":\"Take"
            + " shelter now.\"},\"sent\":\"2026-12-02T08:00:00Z\",\"identifier\":\"urn:x\"}";
    deliverPush(chrome, origin, message);

    String shown =
        (String)
            ((JavascriptExecutor) browser)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "const poll = () => navigator.serviceWorker.ready"
                        + ".then(r => r.getNotifications()).then(ns => ns.length"
                        + " ? done(ns[0].title + ' | ' + ns[0].body + ' | ' + ns[0].tag)"
                        + " : setTimeout(poll, 100));"
                        + "poll();");
    assertThat(shown)
        .startsWith("НАВЧАННЯ · EXERCISE — УКРИТТЯ · SHELTER: Дніпровська · Dniprovska")
        .contains("Arrival in 7:00 (at 08:07:00 UTC)")
        .contains("Take shelter now.")
        .contains("This is not a real alert")
        .endsWith("| tocsin-T-17");

    browser.findElement(By.id("notify-stop")).click();
    wait.until(b -> b.findElement(By.id("notify-here")).isDisplayed());
    assertThat(count()).isZero();
    assertThat(HeadlessChromium.cspViolations(browser)).isEmpty();
  }

  /**
   * Hands {@code message} to the page's service worker as its push service would. The protocol
   * names the registration by an id it announces only in events, which chromedriver's command
   * channel does not pass on, and takes an id that names nothing without complaint; a browser with
   * a profile of its own numbers its registrations from 0, so the first few ids are tried until the
   * page shows the notification.
   */
  private void deliverPush(ChromeDriver chrome, String origin, String message) {
    for (int id = 0; id < 32; id++) {
      chrome.executeCdpCommand(
          "ServiceWorker.deliverPushMessage",
          Map.of("origin", origin, "registrationId", String.valueOf(id), "data", message));
    }
    // A worker woken by a push on a busy machine takes its time to show it.
    Object shown =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const until = Date.now() + 25000;"
                    + "const poll = () => navigator.serviceWorker.ready"
                    + ".then(r => r.getNotifications()).then(ns => ns.length ? done(true)"
                    + " : Date.now() > until ? done(false) : setTimeout(poll, 100));"
                    + "poll();");
    if (!Boolean.TRUE.equals(shown)) {
      throw new AssertionError("no service worker registration showed the push");
    }
  }

  private int count() {
    return db.database()
        .<Integer>inTransaction(
            "count",
            c -> {
              try (var rows =
                  c.createStatement().executeQuery("SELECT COUNT(*) FROM push_subscription")) {
                rows.next();
                return rows.getInt(1);
              }
            });
  }

  private long number(String code) {
    Object value = ((JavascriptExecutor) browser).executeScript(code);
    return value instanceof Number n ? n.longValue() : -1;
  }
}
