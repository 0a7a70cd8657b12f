package org.tocsin.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * One event-stream connection: a queue of frames, written with the servlet's non-blocking output,
 * so that a client holds no thread while it waits or reads slowly.
 *
 * <p>Frames are queued from any thread without a lock. Writing happens where it can without
 * blocking: on a small shared pool when frames arrive (the event stream's writers, each going
 * through a share of the clients for a broadcast, {@link #offer} then {@link #write}; a task of its
 * own for what a single client is sent, {@link #queue}), and on the server's thread when the
 * socket, full a moment ago, can take more ({@link #onWritePossible}). One writer at a time (this
 * object's monitor); it writes while the output is ready and leaves the rest to the next {@code
 * onWritePossible}.
 *
 * <p>A client that falls {@value #MAX_QUEUED} frames behind, or whose connection fails, is closed:
 * its response ends, and it resumes from its last id when it reconnects. Closing never throws, so a
 * client that goes never fails whoever was sending to it.
 */
final class SseClient implements WriteListener, AsyncListener {

  static final int MAX_QUEUED = 1_000;

  private final Executor writers;
  private final Consumer<SseClient> onClose;
  private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile ServletOutputStream out;
  private boolean unflushed;

  /**
   * @param writers where frames are written when they arrive: never blocked, since writes are not
   * @param onClose called once, with this client, when it closes
   */
  SseClient(Executor writers, Consumer<SseClient> onClose) {
    this.writers = writers;
    this.onClose = onClose;
  }

  /**
   * Starts writing to {@code out}, which the request's async context lets go non-blocking. Frames
   * queued before are written first.
   */
  synchronized void start(ServletOutputStream output) {
    this.out = output;
    output.setWriteListener(this);
  }

  /** Completes when the client has closed: the response then ends. */
  CompletableFuture<Void> done() {
    return done;
  }

  boolean isClosed() {
    return closed.get();
  }

  /**
   * Queues a frame to be written by the next {@link #write}; closes a client already {@value
   * #MAX_QUEUED} frames behind.
   *
   * @return whether the frame was queued: false for a client that is closed, or closed now
   */
  boolean offer(byte[] frame) {
    if (queued.get() >= MAX_QUEUED) {
      close();
      return false;
    }
    return enqueue(frame);
  }

  /** Queues a frame whatever the backlog: what a client missed, sent when it connects. */
  void queue(byte[] frame) {
    if (enqueue(frame)) {
      scheduleWrite();
    }
  }

  private boolean enqueue(byte[] frame) {
    if (closed.get()) {
      return false;
    }
    queue.add(frame);
    queued.incrementAndGet();
    return true;
  }

  /**
   * Queues a heartbeat comment, to be written by the next {@link #write}, unless frames are
   * waiting, which keep the connection busy anyway.
   */
  void heartbeat(byte[] comment) {
    if (queued.get() == 0) {
      enqueue(comment);
    }
  }

  /**
   * Writes what is queued, as far as the socket takes it without blocking, on the caller's thread:
   * a writer of the event stream going through its clients. Does nothing before {@link #start}.
   */
  void write() {
    if (out != null) {
      writeWhileReady();
    }
  }

  /** Has a writer write what is queued: for a single client, such as one that has just joined. */
  private void scheduleWrite() {
    if (out == null || !writeScheduled.compareAndSet(false, true)) {
      return;
    }
    try {
      writers.execute(
          () -> {
            writeScheduled.set(false);
            writeWhileReady();
          });
    } catch (RejectedExecutionException e) {
      // The server is stopping.
      close();
    }
  }

  @Override
  public void onWritePossible() {
    writeWhileReady();
  }

  private synchronized void writeWhileReady() {
    try {
      while (!closed.get() && out.isReady()) {
        byte[] frame = queue.poll();
        if (frame != null) {
          queued.decrementAndGet();
          writeFrame(frame);
        } else if (unflushed) {
          unflushed = false;
          out.flush();
        } else {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client has gone, or its response has ended.
      close();
    }
  }

  private void writeFrame(byte[] frame) throws IOException {
    if (out instanceof HttpOutput jetty) {
      // Jetty copies an array into a response buffer of its own, 32 KiB kept for as long as the
      // stream lasts (610 MiB for 19,500 clients); a ByteBuffer it hands to the socket as it is.
      jetty.write(ByteBuffer.wrap(frame));
    } else {
      out.write(frame);
      unflushed = true;
    }
  }

  @Override
  public void onError(Throwable failure) {
    close();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    close();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    close();
  }

  @Override
  public void onError(AsyncEvent event) {
    close();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Started once, by the event stream.
  }

  /** Ends the stream: the client has gone, fell too far behind, or the server stops. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    queue.clear();
    onClose.accept(this);
    done.complete(null);
  }
}
