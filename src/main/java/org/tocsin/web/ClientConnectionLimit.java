package org.tocsin.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * At most so many open connections from one client address: the excess is closed as it opens, so
 * that one client cannot take every thread and socket (slowloris). A reverse proxy in front is one
 * client to this server, so the limit is set well above what a browser or a sensor opens.
 */
final class ClientConnectionLimit extends AbstractLifeCycle implements Connection.Listener {

  private final Server server;
  private final int maxPerClient;

  /**
   * The connections open by client address. Kept as the connections themselves, not a count: one
   * whose close was never reported (a reset in the middle of an upgrade) is found closed and
   * dropped the next time its address connects, so an address is never shut out by a leak (200
   * clients resetting 1,000 times did leak a count).
   */
  private final Map<InetAddress, Set<Connection>> open = new ConcurrentHashMap<>();

  ClientConnectionLimit(Server server, int maxPerClient) {
    this.server = server;
    this.maxPerClient = maxPerClient;
  }

  /** Listens on every connector: they are there once the server starts its beans. */
  @Override
  protected void doStart() {
    for (Connector connector : server.getConnectors()) {
      connector.addBean(this, false);
    }
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress client = client(connection);
    if (client == null) {
      return;
    }
    boolean over =
        open.compute(
                    client,
                    (address, connections) -> {
                      Set<Connection> set =
                          connections == null ? ConcurrentHashMap.newKeySet() : connections;
                      set.removeIf(known -> !known.getEndPoint().isOpen());
                      set.add(connection);
                      return set;
                    })
                .size()
            > maxPerClient;
    if (over) {
      open.computeIfPresent(client, (address, connections) -> remove(connections, connection));
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress client = client(connection);
    if (client != null) {
      open.computeIfPresent(client, (address, connections) -> remove(connections, connection));
    }
  }

  private static Set<Connection> remove(Set<Connection> connections, Connection connection) {
    connections.remove(connection);
    return connections.isEmpty() ? null : connections;
  }

  private static InetAddress client(Connection connection) {
    SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
