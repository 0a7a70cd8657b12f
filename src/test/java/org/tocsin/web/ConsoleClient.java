package org.tocsin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An operator's client of the console API: logs in, then sends the cookie and CSRF token. */
final class ConsoleClient {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A response: its status and its body as JSON (null when empty or not JSON). */
  record Response(int status, String body) {
    JsonNode json() {
      try {
        return body.isEmpty() ? null : MAPPER.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    String detail() {
      JsonNode json = json();
      return json == null ? body : json.path("detail").asText();
    }
  }

  private final String base;
  private final String cookie;
  private final String csrf;

  private ConsoleClient(String base, String cookie, String csrf) {
    this.base = base;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  static ConsoleClient login(String base, String name, String password) throws Exception {
    String body = MAPPER.createObjectNode().put("name", name).put("password", password).toString();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("login of " + name + " refused: " + response.body());
    }
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return new ConsoleClient(
        base,
        setCookie.substring(0, setCookie.indexOf(';')),
        MAPPER.readTree(response.body()).get("csrfToken").asText());
  }

  /** Nobody logged in: no cookie, no token. */
  static ConsoleClient anonymous(String base) {
    return new ConsoleClient(base, null, null);
  }

  /** The same session, sending {@code token} as its CSRF token (null: none). */
  ConsoleClient withCsrf(String token) {
    return new ConsoleClient(base, cookie, token);
  }

  Response get(String path) throws Exception {
    return send(request(path).GET());
  }

  Response post(String path, String json) throws Exception {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    return send(request);
  }

  Response post(String path, JsonNode json) throws Exception {
    return post(path, json.toString());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return request;
  }

  private static Response send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }
}
