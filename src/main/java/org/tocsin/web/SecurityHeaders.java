package org.tocsin.web;

import io.javalin.http.Context;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The headers that hold every response to what the pages need: a Content-Security-Policy that lets
 * a page run only the scripts and styles served here as files, so that text which slips into markup
 * still runs nothing; no guessing of media types; no referrer sent; no framing by another site.
 *
 * <p>Set on every response, not only on pages: a JSON or CAP document opened in a browser is then
 * held to the same policy.
 */
final class SecurityHeaders {

  /**
   * Nothing inline (no {@code <script>} or {@code style=""} in markup, no {@code on…} handlers),
   * and nothing from elsewhere: the map's Leaflet comes from the server's own WebJar and its
   * outlines from its own data. Styles set from script through the CSSOM ({@code element.style}),
   * as Leaflet sets them, are not inline styles and stay allowed.
   */
  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self'",
          "connect-src 'self'",
          "font-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'");

  private static final String CSP = "Content-Security-Policy";
  private static final String NOSNIFF = "X-Content-Type-Options";
  private static final String REFERRER = "Referrer-Policy";

  private SecurityHeaders() {}

  /** A before-handler for every path, static files included. */
  static void add(Context ctx) {
    ctx.header(CSP, CONTENT_SECURITY_POLICY);
    ctx.header(NOSNIFF, "nosniff");
    ctx.header(REFERRER, "no-referrer");
  }

  /**
   * Jetty's own error pages, for a request too malformed to reach a route (a bad URI, headers over
   * the limit): HTML too, so with the same headers.
   */
  static ErrorHandler errorPages() {
    return new ErrorHandler() {
      @Override
      public boolean handle(Request request, Response response, Callback callback)
          throws Exception {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(CSP, CONTENT_SECURITY_POLICY);
        headers.put(NOSNIFF, "nosniff");
        headers.put(REFERRER, "no-referrer");
        return super.handle(request, response, callback);
      }
    };
  }
}
