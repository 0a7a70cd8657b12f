package org.tocsin.sensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Posts sensor batches to a Tocsin server as real sensors do ({@code POST /api/v1/reports}, the
 * sensor's key in {@code Authorization: Bearer}), until one of the servers acknowledges each with
 * {@code 202}.
 *
 * <p>What is retried, with the same batch, is what a server or a load balancer says will pass:
 * {@code 429} and {@code 503} (honouring {@code Retry-After}), {@code 408}, {@code 502}, {@code
 * 504}, on the same server after a backoff; and a connection that fails or times out, on the next
 * server at once (a node that died), with a backoff only once every server has failed in a row. A
 * retry is safe: a server drops a report it has lately taken in, so a batch whose answer was lost
 * opens no second threat. Anything else (a wrong key, a refused report) stops the replay: trying
 * again would be refused again.
 *
 * <p>The server in use stays in use for the next batches until it fails. Not thread-safe: one
 * replay posts one batch at a time, in order.
 */
public final class ReportPoster {

  /** Where reports go, under a server's base URL. */
  static final String REPORTS_PATH = "api/v1/reports";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<Integer> RETRIED = Set.of(408, 429, 502, 503, 504);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** A batch is acknowledged once decided: a salvo's footprints take seconds on a busy node. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final int MAX_DETAIL_CHARS = 500;

  private final List<URI> servers;
  private final Map<String, String> keyBySensor;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final Consumer<String> notices;
  private int current;

  /**
   * @param servers the servers' base URLs ({@link #serverUrl}), tried in this order
   * @param keyBySensor each sensor's API key, by sensor id
   * @param notices told, in a line, of every retry and why (a failover, a busy server)
   */
  public ReportPoster(
      List<URI> servers,
      Map<String, String> keyBySensor,
      RetryPolicy retry,
      Consumer<String> notices) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("servers: at least one is needed");
    }
    this.servers = List.copyOf(servers);
    this.keyBySensor = Map.copyOf(keyBySensor);
    this.retry = Objects.requireNonNull(retry, "retry");
    this.notices = Objects.requireNonNull(notices, "notices");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /**
   * A server's base URL as given by a person: http or https, with a host, and a path under which
   * the server answers (a reverse proxy's prefix), without query or fragment.
   *
   * @throws IllegalArgumentException saying the rule and the value
   */
  public static URI serverUrl(String text) {
    String rule = "must be an http or https URL with a host, such as http://127.0.0.1:8080/";
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(rule + ", was '" + text + "' (" + e.getReason() + ")", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(rule + ", was '" + text + "'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "must name the server only, without user, query or fragment, was '" + text + "'");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return URI.create(
        scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
  }

  /**
   * Posts the batch until a server acknowledges it.
   *
   * @return the retries it took (0 when the first attempt was acknowledged)
   * @throws ReplayStoppedException when a server refused it, or none took it within the policy
   * @throws IllegalArgumentException when there is no key for the batch's sensor
   */
  public int post(SensorBatch batch) throws InterruptedException {
    String key = keyBySensor.get(batch.sensorId());
    if (key == null) {
      throw new IllegalArgumentException("no API key for sensor '" + batch.sensorId() + "'");
    }
    String body = batch.json();
    int failedInARow = 0;
    String lastProblem = "";
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      URI server = servers.get(current);
      Duration serverAsked = Duration.ZERO;
      try {
        HttpResponse<String> response =
            http.send(request(server, key, body), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 202) {
          return attempt - 1;
        }
        lastProblem = server + " answered " + status + ": " + detail(response);
        if (!RETRIED.contains(status)) {
          throw new ReplayStoppedException(
              "the server refused " + batch.described() + ": " + lastProblem);
        }
        failedInARow = 0;
        serverAsked = retryAfter(response);
      } catch (IOException e) {
        lastProblem = server + " could not be reached: " + reason(e);
        failedInARow++;
        if (servers.size() > 1) {
          current = (current + 1) % servers.size();
        }
        if (failedInARow < servers.size() && attempt < retry.maxAttempts()) {
          notices.accept("retrying at " + servers.get(current) + ": " + lastProblem);
          continue; // the next server at once: this one may be dead
        }
        failedInARow = 0;
      }
      if (attempt < retry.maxAttempts()) {
        Duration wait = retry.backoff(attempt, serverAsked);
        notices.accept("retrying in " + wait.toMillis() + " ms: " + lastProblem);
        Thread.sleep(wait.toMillis());
      }
    }
    throw new ReplayStoppedException(
        "no server took "
            + batch.described()
            + " in "
            + retry.maxAttempts()
            + " attempts; the last: "
            + lastProblem);
  }

  private static HttpRequest request(URI server, String key, String body) {
    return HttpRequest.newBuilder(server.resolve(REPORTS_PATH))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** The problem document's {@code detail} (RFC 9457), else the start of the body. */
  private static String detail(HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    try {
      JsonNode problem = MAPPER.readTree(body);
      if (problem != null && problem.hasNonNull("detail")) {
        return problem.get("detail").asText();
      }
    } catch (IOException e) {
      // not a problem document: its text says what there is to say
    }
    if (body.isEmpty()) {
      return "(no body)";
    }
    return body.length() > MAX_DETAIL_CHARS ? body.substring(0, MAX_DETAIL_CHARS) + "…" : body;
  }

  /** The server's {@code Retry-After} in seconds, zero without one (dates are not worth it). */
  private static Duration retryAfter(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> value.matches("\\d{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value)))
        .orElse(Duration.ZERO);
  }

  /** What went wrong, in words: the first message down the causes, else the exception's name. */
  static String reason(IOException e) {
    if (e instanceof java.net.http.HttpConnectTimeoutException) {
      return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
    }
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause.getMessage() != null) {
      return cause.getMessage();
    }
    return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getName();
  }
}
