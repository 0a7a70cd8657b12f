package org.tocsin.bus;

import java.util.Objects;

/** The lease of a node that runs alone: it holds the role from the start until closed. */
final class SoleEngineLease implements EngineLease {

  private final LeaseListener listener;
  private boolean held = true;

  SoleEngineLease(LeaseListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    listener.acquired();
  }

  @Override
  public synchronized boolean held() {
    return held;
  }

  @Override
  public synchronized void close() {
    if (held) {
      held = false;
      listener.lost();
    }
  }
}
