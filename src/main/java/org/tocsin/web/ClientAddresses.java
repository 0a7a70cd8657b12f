package org.tocsin.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Who is at the other end of a request, for the login throttle and the journal: the TCP peer's
 * address, which nobody can forge over TCP. Behind a reverse proxy every request comes from the
 * proxy, so a proxy named with {@code --trusted-proxy} is looked through: the client is the
 * right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy, the one the
 * nearest trusted proxy saw. Entries further left are anyone's to write and are never believed.
 *
 * @param trustedProxies the IP addresses of the reverse proxies in front of the server; empty to
 *     trust none
 */
public record ClientAddresses(Set<String> trustedProxies) {

  /** The TCP peer, whatever the headers say. */
  public static final ClientAddresses PEER = new ClientAddresses(Set.of());

  public ClientAddresses {
    trustedProxies = Set.copyOf(trustedProxies);
    trustedProxies.forEach(proxy -> ServerOptions.requireIpAddress("--trusted-proxy", proxy));
  }

  /** The client's address for {@code ctx}. */
  String of(Context ctx) {
    return of(ctx.req().getRemoteAddr(), ctx.req().getHeaders("X-Forwarded-For"));
  }

  /**
   * @param peer the TCP peer's address
   * @param forwardedFor the values of the {@code X-Forwarded-For} headers, in order
   */
  String of(String peer, java.util.Enumeration<String> forwardedFor) {
    if (!trustedProxies.contains(peer) || forwardedFor == null) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String value : Collections.list(forwardedFor)) {
      for (String hop : value.split(",")) {
        hops.add(hop.strip());
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      client = hops.get(i);
      if (!trustedProxies.contains(client)) {
        break;
      }
    }
    // A proxy writes an address; anything else came from someone who should not be believed.
    return client.matches("[0-9A-Fa-f:.]{2,45}") ? client : peer;
  }
}
