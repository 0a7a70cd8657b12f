package org.tocsin.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
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
  private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

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
    if (client != null && open.merge(client, 1, Integer::sum) > maxPerClient) {
      connection.getEndPoint().close();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    InetAddress client = client(connection);
    if (client != null) {
      open.computeIfPresent(client, (address, count) -> count > 1 ? count - 1 : null);
    }
  }

  private static InetAddress client(Connection connection) {
    SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
