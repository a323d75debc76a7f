package org.cvote.crypto.board;

/**
 * Names one proof in a batch that holds the proofs of many ballots: the ballot's board index and
 * the proof's JSON path inside it (e.g. {@code rows[2].rowProof}). A batch failure is this value,
 * never a string to parse.
 */
public record ProofRef(int index, String field) {}
