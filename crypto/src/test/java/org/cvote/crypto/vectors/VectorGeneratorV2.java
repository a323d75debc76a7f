package org.cvote.crypto.vectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.RowProofV2;
import org.cvote.crypto.proof.RowStatementV2;

/**
 * Writes the ballot version 2 cross-language vectors
 * (crypto/src/test/resources/vectors/protocol-v2.json, docs/protocol.md §16), read by {@code
 * ProtocolVectorsV2Test} and by the browser library's node tests. A sibling of protocol-v1.json
 * (whose readers expect exactly its sections). Deterministic: every "random" value is
 * SHA-512("cvote/vectors-v2/" ‖ counter) mod q, so a rerun reproduces the file byte for byte:
 *
 * <pre>bin/mvn -q -pl crypto test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.cvote.crypto.vectors.VectorGeneratorV2 -Dexec.args=crypto/src/test/resources/vectors/protocol-v2.json
 * </pre>
 */
public final class VectorGeneratorV2 {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private int counter;

  VectorGeneratorV2() {}

  private Scalar next() {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-512")
              .digest(("cvote/vectors-v2/" + (counter++)).getBytes(StandardCharsets.US_ASCII));
      return Scalar.reduce(new BigInteger(1, h));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] nextBytes(int n) {
    byte[] out = new byte[n];
    for (int off = 0; off < n; off += 32) {
      System.arraycopy(next().encode(), 0, out, off, Math.min(32, n - off));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    Path out =
        Path.of(args.length > 0 ? args[0] : "crypto/src/test/resources/vectors/protocol-v2.json");
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(out, pretty.writeValueAsString(new VectorGeneratorV2().generate()) + "\n");
    System.out.println("wrote " + out);
  }

  ObjectNode generate() {
    ObjectNode root = F.objectNode();
    root.put(
        "description",
        "cvote ballot version 2 cross-language test vectors (docs/protocol.md §16); Java and the browser library check the same file");
    root.put(
        "generator",
        "crypto/src/test/java/org/cvote/crypto/vectors/VectorGeneratorV2.java (deterministic: every random value is SHA-512(\"cvote/vectors-v2/\" || counter) mod q)");

    // §16.1: the manifest with its base, and M under both tags
    Manifest manifest =
        new Manifest(
            "poll-vectors-v2",
            "Hội nghị lấy phiếu tín nhiệm",
            List.of(
                new Manifest.Subject(1, "Nguyễn Văn An", "Chủ tịch", "UBND tỉnh"),
                new Manifest.Subject(2, "Trần Thị Bình", "Phó Chủ tịch", "UBND tỉnh"),
                new Manifest.Subject(3, "Lê Văn Cường", "Giám đốc Sở", "Sở Tài chính")));
    EncodingV2 enc = EncodingV2.forSummoned(40);
    ObjectNode mNode = root.putObject("manifest");
    ObjectNode mJson = ProtocolJson.mapper().valueToTree(manifest);
    mJson.put("ballotVersion", EncodingV2.VERSION).put("base", enc.base());
    mNode.set("manifest", mJson);
    mNode.put("hash", enc.manifestHash(manifest).toHex());
    mNode.put("v1Hash", manifest.hash().toHex());

    Point k = Point.baseMul(next());
    Digest q = Digest.of(nextBytes(32));
    Digest tau = Digest.of(nextBytes(32));

    // §16.3: one proof per branch for B = 41, and the four branches for the largest body's B = 501
    ArrayNode proofs = root.putArray("rowProofs");
    RowStatementV2 firstSt = null;
    RowProofV2 firstProof = null;
    for (EncodingV2 e : List.of(enc, EncodingV2.forSummoned(500))) {
      for (int branch = 0; branch < EncodingV2.BRANCHES; branch++) {
        Scalar r = next();
        Ciphertext ct = ElGamal.encrypt(k, e.values().get(branch), r);
        RowStatementV2 st = new RowStatementV2(q, tau, BallotV2.label(branch + 1), e, k, ct);
        Scalar u = next();
        Scalar[] cs = new Scalar[EncodingV2.BRANCHES];
        Scalar[] vs = new Scalar[EncodingV2.BRANCHES];
        ArrayNode cn = F.arrayNode();
        ArrayNode vn = F.arrayNode();
        for (int j = 0; j < EncodingV2.BRANCHES; j++) {
          if (j == branch) {
            cn.addNull();
            vn.addNull();
          } else {
            cs[j] = next();
            vs[j] = next();
            cn.add(cs[j].toHex());
            vn.add(vs[j].toHex());
          }
        }
        RowProofV2 p = RowProofV2.prove(st, branch, r, u, cs, vs);
        ObjectNode o = rowNode(st, p);
        o.put("branch", branch).put("m", e.values().get(branch)).put("r", r.toHex());
        ObjectNode nonces = o.putObject("nonces");
        nonces.put("u", u.toHex());
        nonces.set("c", cn);
        nonces.set("v", vn);
        proofs.add(o);
        if (firstSt == null && branch == 1) {
          firstSt = st;
          firstProof = p;
        }
      }
    }

    // Invalid row proofs: each must be rejected (the tamper cases of issue 24, and the Fiat–Shamir
    // bindings)
    ArrayNode invalid = root.putArray("invalidRowProofs");
    for (long bad : new long[] {2, enc.base() + 1}) {
      Scalar r = next();
      Ciphertext ct = ElGamal.encrypt(k, bad, r);
      RowStatementV2 st = new RowStatementV2(q, tau, "s1", enc, k, ct);
      int branch = bad == 2 ? 1 : 2;
      RowProofV2 lie =
          RowProofV2.prove(st, branch, r, next(), simulated(branch), simulated(branch));
      invalid.add(
          why(
              rowNode(st, lie),
              "row encrypting "
                  + bad
                  + " 'proved' with the branch of "
                  + enc.values().get(branch)));
    }
    {
      Scalar r = next();
      Ciphertext ct = ElGamal.encrypt(k, enc.values().get(3), r);
      RowStatementV2 st = new RowStatementV2(q, tau, "s2", enc, k, ct);
      invalid.add(
          why(
              rowNode(st, RowProofV2.prove(st, 2, r, next(), simulated(2), simulated(2))),
              "wrong branch: row encrypting B² (LOW) proved with the B (MID) branch"));
    }
    RowStatementV2 f = firstSt;
    invalid.add(
        why(
            rowNode(
                new RowStatementV2(f.context(), f.tokenHash(), "s3", f.encoding(), k, f.ct()),
                firstProof),
            "relabelled row: valid proof of row s2 presented as row s3"));
    invalid.add(
        why(
            rowNode(
                new RowStatementV2(
                    f.context(),
                    f.tokenHash(),
                    f.label(),
                    new EncodingV2(f.encoding().base() + 1),
                    k,
                    f.ct()),
                firstProof),
            "B differs from the manifest: valid proof under B = "
                + f.encoding().base()
                + " checked under B + 1"));
    invalid.add(
        why(
            rowNode(
                new RowStatementV2(
                    f.context(), Digest.of(nextBytes(32)), f.label(), f.encoding(), k, f.ct()),
                firstProof),
            "valid proof moved to another token hash"));
    invalid.add(
        why(
            rowNode(
                new RowStatementV2(
                    Digest.of(nextBytes(32)), f.tokenHash(), f.label(), f.encoding(), k, f.ct()),
                firstProof),
            "valid proof moved to another context Q"));
    List<Scalar> c = firstProof.c();
    invalid.add(
        why(
            rowNode(
                f,
                new RowProofV2(
                    firstProof.a(),
                    firstProof.b(),
                    List.of(c.get(1), c.get(0), c.get(2), c.get(3)),
                    firstProof.v())),
            "challenges swapped between branches 0 and 1"));
    List<Scalar> v = new ArrayList<>(firstProof.v());
    Scalar d = next();
    v.set(0, v.get(0).add(d));
    v.set(1, v.get(1).subtract(d));
    invalid.add(
        why(
            rowNode(f, new RowProofV2(firstProof.a(), firstProof.b(), c, v)),
            "responses v_0 + d, v_1 − d: the hash holds, the errors cancel under one shared batch weight"));

    // §16.2, §16.5: a full ballot, its hash, the chain and the audit data
    byte[] msg = nextBytes(32 + 14 + 2 + 15 + 32);
    byte[] sig = nextBytes(384);
    Ballot.Token token = new Ballot.Token(msg, sig);
    Digest tauB = BallotHashes.tokenHash(msg);
    int[] choices = {0, -1, 2};
    List<BallotV2.Row> rows = new ArrayList<>();
    ArrayNode rs = F.arrayNode();
    for (int i = 0; i < choices.length; i++) {
      int branch = EncodingV2.branch(choices[i]);
      Scalar r = next();
      rs.add(r.toHex());
      Ciphertext ct = ElGamal.encrypt(k, enc.values().get(branch), r);
      RowStatementV2 st = new RowStatementV2(q, tauB, BallotV2.label(i + 1), enc, k, ct);
      rows.add(
          new BallotV2.Row(
              i + 1,
              ct.alpha(),
              ct.beta(),
              RowProofV2.prove(st, branch, r, next(), simulated(branch), simulated(branch))));
    }
    BallotV2 ballot = new BallotV2("poll-vectors-v2", token, rows);
    Digest bh = ballot.hash(q);
    Digest t0 = BallotHashes.chainStart(q);
    Digest t1 = BallotHashes.chainNext(t0, bh);
    ObjectNode bo = root.putArray("ballots").addObject();
    bo.put("Q", q.toHex())
        .put("K", k.toHex())
        .put("keyFingerprint", Context.keyFingerprint(k))
        .put("B", enc.base())
        .put("pollId", "poll-vectors-v2")
        .put("tau", tauB.toHex());
    bo.set("choices", F.arrayNode().add(choices[0]).add(choices[1]).add(choices[2]));
    bo.set("randomness", rs);
    bo.set("ballot", ProtocolJson.mapper().valueToTree(ballot));
    bo.put("hash", bh.toHex())
        .put("chain0", t0.toHex())
        .put("chain", t1.toHex())
        .put("trackingCode", BallotHashes.trackingCode(t1));

    // §16.6: splitting a subject's decrypted value into the three counts, and values that must be
    // refused
    ArrayNode split = root.putArray("split");
    EncodingV2 big = EncodingV2.forSummoned(500);
    split
        .addObject()
        .put("B", big.base())
        .put("N", 500)
        .put("value", big.pack(120, 300, 80))
        .set("counts", counts(120, 300, 80));
    split
        .addObject()
        .put("B", big.base())
        .put("N", 500)
        .put("value", big.pack(0, 0, 500))
        .set("counts", counts(0, 0, 500));
    split
        .addObject()
        .put("B", enc.base())
        .put("N", 0)
        .put("value", 0)
        .set("counts", counts(0, 0, 0));
    split
        .addObject()
        .put("B", enc.base())
        .put("N", 37)
        .put("value", enc.pack(1, 0, 36))
        .set("counts", counts(1, 0, 36));
    ArrayNode badSplit = root.putArray("badSplit");
    badSplit
        .addObject()
        .put("B", big.base())
        .put("N", 500)
        .put("value", big.bound(500) + 1)
        .put("why", "above N·B²");
    badSplit
        .addObject()
        .put("B", big.base())
        .put("N", 500)
        .put("value", big.pack(300, 201, 0))
        .put("why", "501 marks from 500 ballots");
    badSplit
        .addObject()
        .put("B", enc.base())
        .put("N", 10)
        .put("value", enc.pack(0, 11, 0) - 1)
        .put("why", "digits 40 + 10·B: 50 marks from 10 ballots");
    badSplit
        .addObject()
        .put("B", enc.base())
        .put("N", 41)
        .put("value", 0)
        .put("why", "N must be below B");
    return root;
  }

  /** Simulated values for the three branches other than {@code branch}. */
  private Scalar[] simulated(int branch) {
    Scalar[] s = new Scalar[EncodingV2.BRANCHES];
    for (int j = 0; j < s.length; j++) {
      if (j != branch) {
        s[j] = next();
      }
    }
    return s;
  }

  private static ArrayNode counts(long h, long m, long l) {
    return F.arrayNode().add(h).add(m).add(l);
  }

  private static ObjectNode why(ObjectNode o, String why) {
    o.put("why", why);
    return o;
  }

  private static ObjectNode rowNode(RowStatementV2 st, RowProofV2 p) {
    ObjectNode o = F.objectNode().put("type", "rowV2");
    o.put("Q", st.context().toHex())
        .put("tau", st.tokenHash().toHex())
        .put("label", st.label())
        .put("B", st.encoding().base())
        .put("K", st.jointKey().toHex())
        .put("alpha", st.ct().alpha().toHex())
        .put("beta", st.ct().beta().toHex());
    o.set("proof", ProtocolJson.mapper().valueToTree(p));
    return o;
  }
}
