package org.tocsin.web;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a request body that arrives slower than a minimum rate, measured per request from when
 * the handler first asks for it: the read fails, the thread is freed and the connection dropped
 * (slowloris). Jetty's own {@code MinimumDataRateHandler} divides the bytes read by all requests
 * since the server started, so one large upload lets every slow client through.
 *
 * <p>A body is judged only after {@link #GRACE_NANOS}: a few bytes in two packets are no attack.
 */
final class MinimumBodyRate extends Handler.Wrapper {

  private static final long GRACE_NANOS = 1_000_000_000L;

  private final long minBytesPerSecond;

  MinimumBodyRate(long minBytesPerSecond) {
    this.minBytesPerSecond = minBytesPerSecond;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return super.handle(new Metered(request), response, callback);
  }

  /** A request that counts its body's bytes and fails the read once they come too slowly. */
  private final class Metered extends Request.Wrapper {

    private long firstDemandNanos;
    private boolean demanded;
    private long bytesRead;
    private Content.Chunk failure;

    Metered(Request request) {
      super(request);
    }

    @Override
    public Content.Chunk read() {
      if (failure != null) {
        return failure;
      }
      Content.Chunk chunk = super.read();
      if (chunk != null) {
        bytesRead += chunk.remaining();
      }
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      long now = System.nanoTime();
      if (!demanded) {
        demanded = true;
        firstDemandNanos = now;
      } else {
        long elapsedNanos = now - firstDemandNanos;
        if (elapsedNanos > GRACE_NANOS
            && bytesRead * 1_000_000_000.0 / elapsedNanos < minBytesPerSecond) {
          failure =
              Content.Chunk.from(
                  new TimeoutException(
                      "request body slower than " + minBytesPerSecond + " bytes a second"));
          demandCallback.run();
          return;
        }
      }
      super.demand(demandCallback);
    }
  }
}
