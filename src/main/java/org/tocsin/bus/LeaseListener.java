package org.tocsin.bus;

/**
 * Told when this node gains or loses the engine role. Called on the lease's own thread, which must
 * keep heartbeating: return at once and do the work elsewhere (a replay may take longer than the
 * session).
 */
public interface LeaseListener {

  /** This node now runs the engine: no other node does, unless it has not yet noticed its loss. */
  void acquired();

  /** This node no longer runs the engine (another took over, or the lease was closed). */
  void lost();
}
