package org.cvote.server.support;

import java.util.ArrayList;
import java.util.List;
import org.cvote.server.token.RfcTokenCrypto;
import org.cvote.server.token.TokenCrypto;

/**
 * The real token crypto, but key generation draws from a small pool of RSA-3072 keys made once per
 * JVM: generating a fresh 3072-bit key per test poll would dominate the test time. Polls in one
 * test get distinct keys (round-robin over the pool), so cross-poll refusals stay meaningful.
 */
public final class FastTokenCrypto implements TokenCrypto {
  private static final RfcTokenCrypto REAL = new RfcTokenCrypto();
  private static final List<KeyPair> POOL = new ArrayList<>();
  private static int next;

  @Override
  public KeyPair generate() {
    synchronized (POOL) {
      if (POOL.size() < 3) {
        POOL.add(REAL.generate());
        return POOL.get(POOL.size() - 1);
      }
      return POOL.get(next++ % POOL.size());
    }
  }

  @Override
  public byte[] blindSign(byte[] pkcs8, byte[] blindedMessage) {
    return REAL.blindSign(pkcs8, blindedMessage);
  }

  @Override
  public Verifier verifier(byte[] spki, String pollId) {
    return REAL.verifier(spki, pollId);
  }
}
