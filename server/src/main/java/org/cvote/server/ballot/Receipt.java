package org.cvote.server.ballot;

/** The signed receipt of §7/§12: (k, B_k, T_k) and the server's Ed25519 signature, hex. */
public record Receipt(
    int index, String ballotHash, String trackingCode, String chain, String signature) {}
