package org.cvote.server.ballot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The ballot of PROTOCOL.md §7 as strict JSON: unknown fields anywhere are refused by the
 * mapper. Field order here is the canonical order the board and record use.
 */
public final class BallotJson {
    private BallotJson() {}

    @JsonPropertyOrder({"poll", "token", "rows"})
    public record Ballot(String poll, Token token, List<Row> rows) {}

    @JsonPropertyOrder({"msg", "sig"})
    public record Token(String msg, String sig) {}

    @JsonPropertyOrder({"subject", "options", "rowProof"})
    public record Row(Integer subject, List<Option> options, Proof rowProof) {}

    @JsonPropertyOrder({"alpha", "beta", "proof"})
    public record Option(String alpha, String beta, Proof proof) {}

    @JsonPropertyOrder({"a", "b", "c", "v"})
    public record Proof(List<String> a, List<String> b, List<String> c, List<String> v) {}

    /** A board line: the ballot plus its chain position, hash and link (PROTOCOL.md §10). */
    @JsonPropertyOrder({"poll", "token", "rows", "index", "hash", "chain"})
    public record BoardLine(String poll, Token token, List<Row> rows, int index, String hash, String chain) {}
}
