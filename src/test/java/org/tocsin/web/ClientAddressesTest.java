package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

  private static final String PROXY = "127.0.0.1";

  private final ClientAddresses behindProxy = new ClientAddresses(Set.of(PROXY));

  private static String of(ClientAddresses addresses, String peer, String... forwardedFor) {
    return addresses.of(peer, Collections.enumeration(List.of(forwardedFor)));
  }

  @Test
  void withoutATrustedProxyTheClientIsTheTcpPeerWhateverTheHeaderSays() {
    assertThat(of(ClientAddresses.PEER, "203.0.113.66", "192.0.2.10")).isEqualTo("203.0.113.66");
    assertThat(of(behindProxy, "203.0.113.66", "192.0.2.10")).isEqualTo("203.0.113.66");
  }

  @Test
  void behindATrustedProxyTheClientIsTheAddressTheProxyAppended() {
    assertThat(of(behindProxy, PROXY, "203.0.113.66")).isEqualTo("203.0.113.66");
    // The left part is the client's own header, forged to blame someone else.
    assertThat(of(behindProxy, PROXY, "192.0.2.10, 203.0.113.66")).isEqualTo("203.0.113.66");
    assertThat(of(behindProxy, PROXY, "192.0.2.10", "203.0.113.66")).isEqualTo("203.0.113.66");
    assertThat(of(behindProxy, PROXY, "2001:db8::7")).isEqualTo("2001:db8::7");
  }

  @Test
  void aProxyThatForwardsNothingOrGarbageCountsAsTheClient() {
    assertThat(of(behindProxy, PROXY)).isEqualTo(PROXY);
    assertThat(of(behindProxy, PROXY, "not an address")).isEqualTo(PROXY);
  }

  @Test
  void aTrustedProxyThatIsNotAnIpAddressIsRefusedSayingTheRule() {
    assertThatThrownBy(() -> new ClientAddresses(Set.of("proxy.example.org")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--trusted-proxy must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1, was"
                + " 'proxy.example.org'");
  }
}
