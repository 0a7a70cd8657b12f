package org.tocsin.cli;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Whether a server can be reached at one of this machine's addresses. */
final class Reachability {

  private Reachability() {}

  /** Whether something accepts a TCP connection at {@code address}:{@code port}. */
  static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * This machine's IPv4 addresses other than 127.0.0.1: those of its network interfaces, and
   * 127.0.0.2, which Linux answers on the loopback interface, so that the list is never empty.
   */
  static List<InetAddress> otherLocalAddresses() throws SocketException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(network.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          addresses.add(address);
        }
      }
    }
    try {
      addresses.add(InetAddress.getByName("127.0.0.2"));
    } catch (IOException e) {
      throw new IllegalStateException("127.0.0.2 is an address literal", e);
    }
    return addresses;
  }
}
