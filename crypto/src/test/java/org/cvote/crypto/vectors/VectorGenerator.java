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
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.P256;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.proof.RangeProof;
import org.cvote.crypto.proof.RangeStatement;
import org.cvote.crypto.proof.SchnorrProof;

/**
 * Writes the cross-language test vectors (crypto/src/test/resources/vectors/protocol-v1.json) that
 * the Java tests ({@code ProtocolVectorsTest}) and the browser library's node tests both check.
 * Every "random" value is derived from a fixed seed, so running it again reproduces the file byte
 * for byte:
 *
 * <pre>bin/mvn -q -pl crypto test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.cvote.crypto.vectors.VectorGenerator -Dexec.args=crypto/src/test/resources/vectors/protocol-v1.json
 * </pre>
 */
public final class VectorGenerator {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private int counter;

  VectorGenerator() {}

  /** Deterministic scalar #counter: SHA-512("cvote/vectors/" ‖ counter) mod q. */
  private Scalar next() {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-512")
              .digest(("cvote/vectors/" + (counter++)).getBytes(StandardCharsets.US_ASCII));
      return Scalar.reduce(new BigInteger(1, h));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] nextBytes(int n) {
    byte[] out = new byte[n];
    int off = 0;
    while (off < n) {
      byte[] s = next().encode();
      int k = Math.min(32, n - off);
      System.arraycopy(s, 0, out, off, k);
      off += k;
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    Path out =
        Path.of(args.length > 0 ? args[0] : "crypto/src/test/resources/vectors/protocol-v1.json");
    ObjectNode root = new VectorGenerator().generate();
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(out, pretty.writeValueAsString(root) + "\n");
    System.out.println("wrote " + out);
  }

  ObjectNode generate() throws Exception {
    ObjectNode root = F.objectNode();
    root.put(
        "description",
        "cvote protocol v1 cross-language test vectors (docs/protocol.md §1-§7); Java and the browser library check the same file");
    root.put(
        "generator",
        "crypto/src/test/java/org/cvote/crypto/vectors/VectorGenerator.java (deterministic: every random value is SHA-512(\"cvote/vectors/\" || counter) mod q)");
    root.put("q", Hex.encode(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, P256.Q)));
    root.put("G", Point.G.toHex());

    ArrayNode points = root.putArray("points");
    for (Scalar k :
        List.of(
            Scalar.ONE, Scalar.of(2), Scalar.of(P256.Q.subtract(BigInteger.ONE)), next(), next())) {
      points.addObject().put("k", k.toHex()).put("kG", Point.baseMul(k).toHex());
    }

    Point p1 = Point.baseMul(next());
    String ph = p1.toHex();
    byte[] pb = p1.encode();
    ArrayNode bad = root.putArray("badPoints");
    bad.addObject().put("hex", ph.substring(0, 128)).put("why", "64 bytes: truncated");
    bad.addObject().put("hex", ph + "00").put("why", "66 bytes: too long");
    bad.addObject()
        .put("hex", "02" + ph.substring(2, 66))
        .put("why", "compressed encoding (33 bytes)");
    bad.addObject().put("hex", "03" + ph.substring(2)).put("why", "65 bytes with prefix 0x03");
    bad.addObject().put("hex", "00").put("why", "SEC1 identity encoding");
    bad.addObject()
        .put("hex", "04" + "00".repeat(64))
        .put("why", "all-zero coordinates (identity as 0,0): off the curve");
    byte[] offCurve = pb.clone();
    offCurve[64] ^= 1;
    bad.addObject()
        .put("hex", Hex.encode(offCurve))
        .put("why", "y changed by one bit: off the curve");
    String pHex = Hex.encode(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, P256.P));
    bad.addObject()
        .put("hex", "04" + pHex + ph.substring(66))
        .put("why", "x = p (not below the field prime)");
    BigInteger xPlusP = new BigInteger(1, java.util.Arrays.copyOfRange(pb, 1, 33)).add(P256.P);
    if (xPlusP.bitLength() <= 256) {
      bad.addObject()
          .put(
              "hex",
              "04"
                  + Hex.encode(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, xPlusP))
                  + ph.substring(66))
          .put("why", "x + p: same point mod p but non-canonical");
    }
    bad.addObject().put("hex", "04" + ph.substring(2, 66) + pHex).put("why", "y = p");
    bad.addObject().put("hex", ph.toUpperCase()).put("why", "uppercase hex");
    bad.addObject().put("hex", "0x" + ph).put("why", "0x prefix");
    bad.addObject().put("hex", " " + ph).put("why", "leading space");
    bad.addObject().put("hex", ph.substring(1)).put("why", "odd length");

    ArrayNode badS = root.putArray("badScalars");
    String qHex = Hex.encode(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, P256.Q));
    badS.addObject().put("hex", qHex).put("why", "q itself");
    badS.addObject()
        .put(
            "hex",
            Hex.encode(
                org.bouncycastle.util.BigIntegers.asUnsignedByteArray(
                    32, P256.Q.add(BigInteger.ONE))))
        .put("why", "q + 1");
    badS.addObject().put("hex", "ff".repeat(32)).put("why", "2^256 - 1");
    badS.addObject().put("hex", "00".repeat(31)).put("why", "31 bytes");
    badS.addObject().put("hex", "00".repeat(33)).put("why", "33 bytes");
    badS.addObject().put("hex", "AB".repeat(32)).put("why", "uppercase hex");

    hashes(root.putArray("hashes"));

    Point k = Point.baseMul(next());
    ArrayNode eg = root.putArray("elgamal");
    for (int m : new int[] {0, 1, 7}) {
      Scalar r = next();
      Ciphertext ct = ElGamal.encrypt(k, m, r);
      eg.addObject()
          .put("K", k.toHex())
          .put("m", m)
          .put("r", r.toHex())
          .put("alpha", ct.alpha().toHex())
          .put("beta", ct.beta().toHex());
    }

    Digest q = Digest.of(nextBytes(32));
    Digest tau = Digest.of(nextBytes(32));
    ArrayNode rp = root.putArray("rangeProofs");
    ArrayNode invalid = root.putArray("invalidProofs");
    int[][] cases = {{1, 0}, {1, 1}, {3, 2}};
    ObjectNode firstRange = null;
    RangeStatement firstSt = null;
    RangeProof firstProof = null;
    for (int[] cse : cases) {
      int l = cse[0];
      int m = cse[1];
      Scalar r = next();
      Ciphertext ct = ElGamal.encrypt(k, m, r);
      String label = Labels.option(2, Math.min(m, 2));
      RangeStatement st = RangeStatement.of(q, tau, label, k, ct, l);
      Scalar u = next();
      Scalar[] cs = new Scalar[l + 1];
      Scalar[] vs = new Scalar[l + 1];
      ArrayNode cn = F.arrayNode();
      ArrayNode vn = F.arrayNode();
      for (int j = 0; j <= l; j++) {
        if (j == m) {
          cn.addNull();
          vn.addNull();
        } else {
          cs[j] = next();
          vs[j] = next();
          cn.add(cs[j].toHex());
          vn.add(vs[j].toHex());
        }
      }
      RangeProof proof = RangeProof.prove(st, m, r, u, cs, vs);
      ObjectNode o = rangeNode(st, proof);
      o.put("m", m).put("r", r.toHex());
      ObjectNode nonces = o.putObject("nonces");
      nonces.put("u", u.toHex());
      nonces.set("c", cn);
      nonces.set("v", vn);
      rp.add(o);
      if (firstRange == null) {
        firstRange = o;
        firstSt = st;
        firstProof = proof;
      }
    }
    // Invalid range proofs: each must be rejected.
    invalid.add(
        withWhy(
            rangeNode(
                new RangeStatement(
                    firstSt.context(),
                    firstSt.tokenHash(),
                    "s2/o1",
                    k,
                    firstSt.ct(),
                    1,
                    List.of(firstSt.ct())),
                firstProof),
            "valid proof moved to another label"));
    invalid.add(
        withWhy(
            rangeNode(
                RangeStatement.of(
                    firstSt.context(),
                    Digest.of(nextBytes(32)),
                    firstSt.label(),
                    k,
                    firstSt.ct(),
                    1),
                firstProof),
            "valid proof moved to another token hash"));
    invalid.add(
        withWhy(
            rangeNode(
                RangeStatement.of(
                    Digest.of(nextBytes(32)),
                    firstSt.tokenHash(),
                    firstSt.label(),
                    k,
                    firstSt.ct(),
                    1),
                firstProof),
            "valid proof moved to another context Q"));
    RangeProof swapped =
        new RangeProof(
            firstProof.a(),
            firstProof.b(),
            List.of(firstProof.c().get(1), firstProof.c().get(0)),
            firstProof.v());
    invalid.add(withWhy(rangeNode(firstSt, swapped), "challenges swapped between branches"));
    // m = 2 claimed in {0,1}: simulate both branches and fix the hash; the sum of challenges cannot
    // match.
    {
      Scalar r = next();
      Ciphertext ct2 = ElGamal.encrypt(k, 2, r);
      RangeStatement st2 = RangeStatement.of(q, tau, "s1/o0", k, ct2, 1);
      RangeProof forged =
          RangeProof.prove(
              RangeStatement.of(q, tau, "s1/o0", k, ct2, 1),
              1,
              r,
              next(),
              new Scalar[] {next(), null},
              new Scalar[] {next(), null});
      invalid.add(
          withWhy(
              rangeNode(st2, forged),
              "encryption of 2 'proved' as 0/1 (prover used the m=1 branch)"));
    }
    // Weak Fiat–Shamir (Helios 2012): challenge computed without the statement; prover picks the
    // ciphertext after the challenge.
    {
      Scalar c0 = next();
      Scalar c1 = next();
      Scalar v0 = next();
      Scalar v1 = next();
      Point a0 = Point.baseMul(next());
      Point b0 = Point.baseMul(next());
      Point a1 = Point.baseMul(next());
      Point b1 = Point.baseMul(next());
      // Choose α so that branch 0 holds: a0 = v0 G + c0 α  =>  α = c0^-1 (a0 − v0 G)
      Point alpha = a0.subtract(Point.baseMul(v0)).multiply(c0.inverse());
      Point beta = b0.subtract(k.multiply(v0)).multiply(c0.inverse());
      Ciphertext ct = new Ciphertext(alpha, beta);
      RangeStatement st = RangeStatement.of(q, tau, "s1/o1", k, ct, 1);
      RangeProof weak =
          new RangeProof(List.of(a0, a1), List.of(b0, b1), List.of(c0, c1), List.of(v0, v1));
      invalid.add(
          withWhy(
              rangeNode(st, weak),
              "weak Fiat-Shamir forgery: statement chosen after the challenges, not hashed"));
    }

    // Schnorr
    Digest gamma = Digest.of(nextBytes(32));
    ArrayNode sp = root.putArray("schnorrProofs");
    Scalar a = next();
    Scalar u = next();
    SchnorrProof sch = SchnorrProof.prove(gamma, 2, 1, a, u);
    Point bigA = Point.baseMul(a);
    ObjectNode so = schnorrNode(gamma, 2, 1, bigA, sch);
    so.put("a", a.toHex()).put("u", u.toHex());
    sp.add(so);
    invalid.add(
        withWhy(schnorrNode(gamma, 3, 1, bigA, sch), "Schnorr proof moved to another member"));
    invalid.add(
        withWhy(
            schnorrNode(
                gamma, 2, 1, bigA, new SchnorrProof(sch.h(), sch.c(), sch.v().add(Scalar.ONE))),
            "Schnorr response altered"));

    // DLEQ
    ArrayNode dp = root.putArray("dleqProofs");
    Scalar s = next();
    Point bigS = Point.baseMul(s);
    Point alpha = Point.baseMul(next());
    Point bigM = alpha.multiply(s);
    Scalar du = next();
    DecryptionProof.Statement dst = new DecryptionProof.Statement(q, 3, "s1/o2", bigS, alpha, bigM);
    DecryptionProof dproof = DecryptionProof.prove(dst, s, du);
    ObjectNode dob = dleqNode(dst, dproof);
    dob.put("s", s.toHex()).put("u", du.toHex());
    dp.add(dob);
    DecryptionProof.Statement wrongM =
        new DecryptionProof.Statement(q, 3, "s1/o2", bigS, alpha, bigM.add(Point.G));
    invalid.add(
        withWhy(dleqNode(wrongM, dproof), "partial decryption M changed (wrong decryption)"));
    invalid.add(
        withWhy(
            dleqNode(new DecryptionProof.Statement(q, 3, "s1/o1", bigS, alpha, bigM), dproof),
            "decryption proof moved to another label"));

    // Manifest and a full ballot
    ObjectNode manifestNode = root.putObject("manifest");
    Manifest manifest =
        new Manifest(
            "poll-vectors",
            "Hội nghị lấy phiếu tín nhiệm",
            List.of(
                new Manifest.Subject(1, "Nguyễn Văn An", "Chủ tịch", "UBND tỉnh"),
                new Manifest.Subject(2, "Trần Thị Bình", "Phó Chủ tịch", "UBND tỉnh")));
    manifestNode.set("manifest", ProtocolJson.mapper().valueToTree(manifest));
    manifestNode.put("hash", manifest.hash().toHex());

    ArrayNode ballots = root.putArray("ballots");
    byte[] msg = nextBytes(32 + 14 + 2 + 12 + 32);
    byte[] sig = nextBytes(384);
    Ballot.Token token = new Ballot.Token(msg, sig);
    Digest tauB = BallotHashes.tokenHash(msg);
    int[] choices = {0, -1};
    java.util.List<Ballot.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < choices.length; i++) {
      java.util.List<Ballot.Option> opts = new java.util.ArrayList<>();
      Ciphertext sum = Ciphertext.ZERO;
      Scalar rsum = Scalar.ZERO;
      for (int j = 0; j < 3; j++) {
        int m = choices[i] == j ? 1 : 0;
        Scalar r = next();
        Ciphertext ct = ElGamal.encrypt(k, m, r);
        RangeStatement st = RangeStatement.of(q, tauB, Labels.option(i + 1, j), k, ct, 1);
        opts.add(
            new Ballot.Option(
                ct.alpha(),
                ct.beta(),
                RangeProof.prove(
                    st,
                    m,
                    r,
                    next(),
                    new Scalar[] {next(), next()},
                    new Scalar[] {next(), next()})));
        sum = sum.add(ct);
        rsum = rsum.add(r);
      }
      int rowM = choices[i] < 0 ? 0 : 1;
      RangeStatement rst = RangeStatement.of(q, tauB, Labels.row(i + 1), k, sum, 1);
      rows.add(
          new Ballot.Row(
              i + 1,
              opts,
              RangeProof.prove(
                  rst,
                  rowM,
                  rsum,
                  next(),
                  new Scalar[] {next(), next()},
                  new Scalar[] {next(), next()})));
    }
    Ballot ballot = new Ballot("poll-vectors", token, rows);
    Digest bh = BallotHashes.ballotHash(q, ballot);
    Digest t0 = BallotHashes.chainStart(q);
    Digest t1 = BallotHashes.chainNext(t0, bh);
    ObjectNode bo = ballots.addObject();
    bo.put("Q", q.toHex())
        .put("K", k.toHex())
        .put("pollId", "poll-vectors")
        .put("tau", tauB.toHex());
    bo.set("ballot", ProtocolJson.mapper().valueToTree(ballot));
    bo.put("hash", bh.toHex())
        .put("chain0", t0.toHex())
        .put("chain", t1.toHex())
        .put("trackingCode", BallotHashes.trackingCode(t1))
        .put("receiptHash", BallotHashes.receipt(q, 1, bh, t1).toHex());
    closing(root.putObject("closing"), q, t1);
    return root;
  }

  /**
   * docs/protocol.md §9.5: the closing statement's C and its Ed25519 signature (deterministic, RFC
   * 8032) under a fixed record-key seed, the head fingerprint, and a member's partial-decryption
   * payload P over one share.
   */
  private void closing(ObjectNode out, Digest q, Digest head) {
    byte[] seed = nextBytes(32);
    Digest c = org.cvote.crypto.record.ClosingStatement.digest("poll-vectors", q, 1, head);
    out.put("pollId", "poll-vectors")
        .put("Q", q.toHex())
        .put("count", 1)
        .put("head", head.toHex())
        .put("C", c.toHex())
        .put("recordKeySeed", Hex.encode(seed))
        .put("recordKey", Hex.encode(org.cvote.crypto.record.RecordSignature.publicKey(seed)))
        .put("signature", Hex.encode(org.cvote.crypto.record.RecordSignature.sign(seed, c)))
        .put("fingerprint", org.cvote.crypto.record.ClosingStatement.fingerprint(head));
    Point alpha = Point.baseMul(next());
    Scalar share = next();
    Point m = alpha.multiply(share);
    DecryptionProof proof =
        DecryptionProof.prove(
            new DecryptionProof.Statement(q, 2, "s1/o0", Point.baseMul(share), alpha, m),
            share,
            next());
    var sh = new org.cvote.crypto.record.DecryptionFile.Share(2, "s1/o0", m, proof);
    ObjectNode p = out.putObject("partial");
    p.put("member", 2);
    p.set("share", ProtocolJson.mapper().valueToTree(sh));
    p.put(
        "P", org.cvote.crypto.record.PartialSignature.payload(q, 2, 1, head, List.of(sh)).toHex());
  }

  private void hashes(ArrayNode out) {
    Point p = Point.baseMul(next());
    Scalar s = next();
    Digest d = Digest.of(nextBytes(32));
    addHash(out, Tag.MANIFEST, List.of());
    addHash(
        out,
        Tag.RANGE,
        List.of(
            in("point", p.toHex()),
            in("scalar", s.toHex()),
            in("int", 7),
            in("string", "s3/o1"),
            in("hash", d.toHex()),
            in("bytes", "00ff10")));
    addHash(
        out,
        Tag.CONTEXT,
        List.of(in("string", "Tín nhiệm cao"), in("int", 0), in("int", 4294967295L)));
    addHash(out, Tag.CHAIN0, List.of(in("hash", d.toHex())));
    addHash(out, Tag.TOKEN, List.of(in("bytes", "")));
    // a committee post (docs/protocol.md §8.8): the accused 2's answer to member 5, share s (no new
    // randomness)
    addHash(
        out,
        Tag.POST_ANSWER,
        List.of(in("hash", d.toHex()), in("int", 2), in("int", 5), in("scalar", s.toHex())));
  }

  private static ObjectNode in(String kind, Object value) {
    ObjectNode o = F.objectNode().put("kind", kind);
    if (value instanceof Number n) {
      o.put("value", n.longValue());
    } else {
      o.put("value", (String) value);
    }
    return o;
  }

  private static void addHash(ArrayNode out, Tag tag, List<ObjectNode> inputs) {
    Transcript h = Transcript.of(tag);
    Transcript hq = Transcript.of(tag);
    for (ObjectNode i : inputs) {
      for (Transcript t : List.of(h, hq)) {
        switch (i.get("kind").asText()) {
          case "point" -> t.point(Point.fromHex(i.get("value").asText()));
          case "scalar" -> t.scalar(Scalar.fromHex(i.get("value").asText()));
          case "int" -> t.integer(i.get("value").asLong());
          case "string" -> t.string(i.get("value").asText());
          case "hash" -> t.hash(Digest.fromHex(i.get("value").asText()));
          case "bytes" -> t.bytes(Hex.decode(i.get("value").asText()));
          default -> throw new IllegalStateException();
        }
      }
    }
    ObjectNode o = out.addObject().put("tag", tag.text());
    ArrayNode arr = o.putArray("inputs");
    inputs.forEach(arr::add);
    o.put("H", h.digest().toHex()).put("Hq", hq.challenge().toHex());
  }

  private static ObjectNode withWhy(ObjectNode o, String why) {
    o.put("why", why);
    return o;
  }

  private static ObjectNode rangeNode(RangeStatement st, RangeProof proof) {
    ObjectNode o = F.objectNode().put("type", "range");
    o.put("Q", st.context().toHex())
        .put("tau", st.tokenHash().toHex())
        .put("label", st.label())
        .put("K", st.jointKey().toHex())
        .put("L", st.maxValue())
        .put("alpha", st.ct().alpha().toHex())
        .put("beta", st.ct().beta().toHex());
    o.set("proof", ProtocolJson.mapper().valueToTree(proof));
    return o;
  }

  private static ObjectNode schnorrNode(
      Digest gamma, int member, int coefficient, Point bigA, SchnorrProof p) {
    ObjectNode o = F.objectNode().put("type", "schnorr");
    o.put("ceremonyId", gamma.toHex())
        .put("member", member)
        .put("coefficient", coefficient)
        .put("A", bigA.toHex());
    o.set("proof", ProtocolJson.mapper().valueToTree(p));
    return o;
  }

  private static ObjectNode dleqNode(DecryptionProof.Statement st, DecryptionProof p) {
    ObjectNode o = F.objectNode().put("type", "dleq");
    o.put("Q", st.context().toHex())
        .put("member", st.member())
        .put("label", st.label())
        .put("S", st.share().toHex())
        .put("alpha", st.alpha().toHex())
        .put("M", st.partial().toHex());
    o.set("proof", ProtocolJson.mapper().valueToTree(p));
    return o;
  }
}
