package org.cvote.crypto.token;

/**
 * The four RFC 9474 §5 variants. cvote uses only {@link #RSABSSA_SHA384_PSS_RANDOMIZED}
 * (docs/protocol.md §6); the others exist so the RFC's Appendix A vectors can be checked for every
 * variant.
 *
 * <p>All use SHA-384 for the message hash and MGF1. "PSS" salts with 48 bytes, "PSSZERO" with none;
 * "Randomized" prepends 32 random bytes to the message (Prepare), "Deterministic" signs it as is.
 */
public enum BlindRsaVariant {
  RSABSSA_SHA384_PSS_RANDOMIZED("RSABSSA-SHA384-PSS-Randomized", 48, true),
  RSABSSA_SHA384_PSSZERO_RANDOMIZED("RSABSSA-SHA384-PSSZERO-Randomized", 0, true),
  RSABSSA_SHA384_PSS_DETERMINISTIC("RSABSSA-SHA384-PSS-Deterministic", 48, false),
  RSABSSA_SHA384_PSSZERO_DETERMINISTIC("RSABSSA-SHA384-PSSZERO-Deterministic", 0, false);

  /** Length of the random prefix that Prepare adds in the randomized variants (RFC 9474 §4.1). */
  public static final int PREFIX_LENGTH = 32;

  private final String rfcName;
  private final int saltLength;
  private final boolean randomized;

  BlindRsaVariant(String rfcName, int saltLength, boolean randomized) {
    this.rfcName = rfcName;
    this.saltLength = saltLength;
    this.randomized = randomized;
  }

  /** The name used in RFC 9474, e.g. "RSABSSA-SHA384-PSS-Randomized". */
  public String rfcName() {
    return rfcName;
  }

  /** PSS salt length in bytes (48 or 0). */
  public int saltLength() {
    return saltLength;
  }

  /** Whether Prepare adds a 32-byte random prefix. */
  public boolean isRandomized() {
    return randomized;
  }

  /** Looks a variant up by its RFC name (exact, case-sensitive). */
  public static BlindRsaVariant fromRfcName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("variant name must not be null");
    }
    for (BlindRsaVariant v : values()) {
      if (v.rfcName.equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown RFC 9474 variant: " + name);
  }
}
