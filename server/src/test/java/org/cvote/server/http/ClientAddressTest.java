package org.cvote.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.cvote.server.ServerConfig;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final Predicate<String> proxies = ServerConfig.exactly("10.0.0.5, ::1");

  @Test
  void theNearestUntrustedHopIsTheClient() {
    assertEquals("203.0.113.7", ClientAddress.resolve("10.0.0.5", List.of("203.0.113.7"), proxies));
    // left of the proxy's own entry stands whatever the client sent: ignored
    assertEquals(
        "203.0.113.7",
        ClientAddress.resolve("10.0.0.5", List.of("198.51.100.1", "203.0.113.7"), proxies));
    // a chain of trusted proxies is walked through
    assertEquals(
        "203.0.113.7",
        ClientAddress.resolve("10.0.0.5", List.of("203.0.113.7", "0:0:0:0:0:0:0:1"), proxies));
    // only trusted hops, or none: the left-most hop, or the peer
    assertEquals("10.0.0.5", ClientAddress.resolve("10.0.0.5", List.of(), proxies));
    assertEquals("10.0.0.5", ClientAddress.resolve("10.0.0.5", List.of("10.0.0.5"), proxies));
  }

  @Test
  void trustedProxiesAreAddressesOnly() {
    assertTrue(proxies.test("0:0:0:0:0:0:0:1"), "::1 in any notation");
    assertFalse(proxies.test("10.0.0.6"));
    assertFalse(ServerConfig.exactly("").test("127.0.0.1"), "empty trusts nobody");
    assertThrows(IllegalArgumentException.class, () -> ServerConfig.exactly("proxy.example.org"));
  }
}
