package org.tocsin.delivery.webpush;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as text, of which only the first bytes are kept: a push service (or
 * something posing as one) may answer with any amount, and the caller only needs a reason.
 */
final class BoundedText implements HttpResponse.BodySubscriber<String> {

  private final int maxBytes;
  private final byte[] kept;
  private int length;
  private final CompletableFuture<String> text = new CompletableFuture<>();

  private BoundedText(int maxBytes) {
    this.maxBytes = maxBytes;
    this.kept = new byte[maxBytes];
  }

  static HttpResponse.BodySubscriber<String> subscriber(int maxBytes) {
    return new BoundedText(maxBytes);
  }

  @Override
  public CompletionStage<String> getBody() {
    return text;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int take = Math.min(buffer.remaining(), maxBytes - length);
      buffer.get(kept, length, take);
      length += take;
    }
  }

  @Override
  public void onError(Throwable failure) {
    text.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    // A character cut in half at the end decodes as U+FFFD, which is fine for a reason.
    text.complete(new String(kept, 0, length, StandardCharsets.UTF_8));
  }
}
