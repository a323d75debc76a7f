package org.cvote.server.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The client's IP address as text (no name lookup), used only to count wrong access codes. Behind a
 * reverse proxy every request comes from the proxy, so when the peer is a trusted proxy the address
 * is taken from {@code X-Forwarded-For}: the right-most entry that is not itself a trusted proxy
 * (entries further left were written by the client and prove nothing). From any other peer the
 * header is ignored.
 */
public final class ClientAddress {
  private static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
  private static final int MAX_LENGTH = 100;
  private final Predicate<String> trustedProxies;

  public ClientAddress(Predicate<String> trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  public String of(ServerRequest req) {
    String peer =
        req.remotePeer().address() instanceof InetSocketAddress isa && isa.getAddress() != null
            ? isa.getAddress().getHostAddress()
            : String.valueOf(req.remotePeer().address());
    if (!trustedProxies.test(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    if (req.headers().contains(X_FORWARDED_FOR)) {
      for (String value : req.headers().values(X_FORWARDED_FOR)) {
        for (String hop : value.split(",")) {
          if (!hop.isBlank()) {
            hops.add(hop.strip());
          }
        }
      }
    }
    return resolve(peer, hops, trustedProxies);
  }

  /**
   * The nearest untrusted hop, walking from the peer outwards; the peer itself if there is none.
   */
  static String resolve(String peer, List<String> hops, Predicate<String> trusted) {
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      client = canonical(hops.get(i));
      if (!trusted.test(client)) {
        break;
      }
    }
    return client.length() > MAX_LENGTH ? client.substring(0, MAX_LENGTH) : client;
  }

  /**
   * An IP literal in Java's notation (so ::1 and 0:0:0:0:0:0:0:1 are one client); anything else as
   * given.
   */
  private static String canonical(String hop) {
    if (hop.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      try {
        return java.net.InetAddress.getByName(hop).getHostAddress();
      } catch (java.net.UnknownHostException e) {
        return hop;
      }
    }
    return hop;
  }
}
