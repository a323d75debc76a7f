package org.cvote.verifier.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Verifier;
import org.cvote.crypto.ballot.BallotVerifier;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.ballot.RecordedLine;
import org.cvote.crypto.board.BallotCheck;
import org.cvote.crypto.board.BoardChain;
import org.cvote.crypto.board.BoardFinding;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.board.ProofRef;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.PointSum;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.BatchVerifier;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.record.UnreadableRecordException;
import org.cvote.verifier.report.Report;

/**
 * One streaming pass over ballots.ndjson for V1 (strict ballot decoding and shape, here), {@link
 * V4TokenCheck}, {@link V5ProofCheck}, {@link V6ChainCheck} and V7's running Σ of the ballots
 * (checked by {@link V7AggregateCheck}). Each line is read as its ballot version: version 1 ({@code
 * one}) or version 2 ({@code oneV2}, docs/protocol.md §16). Lines are read in order, handed in
 * chunks to worker threads (decode, token, hash, batch-verify the chunk's proofs, partial sums),
 * and the results are folded in order on the reading thread (chain, token uniqueness, sums). At
 * most a few chunks are in flight, so memory does not grow with the number of ballots.
 */
public final class BallotChecks {
  /** What the pass leaves for V7–V11: written by the pass only, read through the accessors. */
  public static final class Summary {
    private long ballots;
    private Digest fileHash;
    private Ciphertext[][] sums; // [subject][option], null when a ballot could not be summed
    private boolean sumsComplete = true;

    /** The ballot at the receipt's index, if asked. */
    private Digest receiptHash;

    private Digest receiptChain;
    private boolean receiptBallotOk;

    /**
     * The board's last published chain value T_N (T_0 with no ballot); null when a line or Q did
     * not decode.
     */
    private Digest lastChain;

    public long ballots() {
      return ballots;
    }

    public Digest fileHash() {
      return fileHash;
    }

    /**
     * Σ of the ballots' ciphertexts for a subject (1-based) and option; null when the sums are
     * unknown.
     */
    public Ciphertext sum(int subject, int option) {
      return sums == null ? null : sums[subject - 1][option];
    }

    public boolean hasSums() {
      return sums != null;
    }

    public boolean sumsComplete() {
      return sumsComplete;
    }

    public Digest receiptHash() {
      return receiptHash;
    }

    public Digest receiptChain() {
      return receiptChain;
    }

    public boolean receiptBallotOk() {
      return receiptBallotOk;
    }

    public Digest lastChain() {
      return lastChain;
    }
  }

  /** A receipt (or nothing) to look for while streaming. */
  public interface Watch {
    int index();
  }

  private static final ObjectMapper STRICT = ProtocolJson.mapper();
  private static final ObjectMapper SYNTAX =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Setup.Values v;
  private final Report rep;
  private final int threads;
  private final int chunk;
  private final boolean naive;
  private final int watchIndex;

  /**
   * The single-ballot routine shared with the committee (shape and proofs; tokens are V4's); null
   * when Q, K or the manifest is broken.
   */
  private final BallotCheck shape;

  /**
   * Ballot version 2 (docs/protocol.md §16): the row-proof verifier under the manifest's B; null
   * for version 1.
   */
  private final BallotCheck shapeV2;

  private final V4TokenCheck tokens;
  private final V5ProofCheck proofs;

  public BallotChecks(
      Setup.Values v, Report rep, int threads, int chunk, boolean naive, int watchIndex) {
    this.v = v;
    this.rep = rep;
    this.threads = Math.max(1, threads);
    this.chunk = Math.max(1, chunk);
    this.naive = naive;
    this.watchIndex = watchIndex;
    this.shape =
        v.q() != null && v.jointKey() != null && v.pollId() != null && v.subjects() > 0
            ? BallotCheck.of(
                BallotVerifier.create(v.q(), v.jointKey(), v.pollId(), v.subjects()), null)
            : null;
    this.shapeV2 =
        this.shape != null && v.encoding() != null
            ? BallotCheck.ofV2(
                BallotV2Verifier.create(
                    v.q(), v.jointKey(), v.pollId(), v.subjects(), v.encoding()),
                null)
            : null;
    this.tokens = new V4TokenCheck(v, rep);
    this.proofs = new V5ProofCheck(v, rep);
  }

  private record Line(int index, byte[] bytes) {}

  private static final class Item {
    int index; // line number
    int declaredIndex;
    Digest declaredHash;
    Digest declaredChain;
    Digest hash; // recomputed B, null if not computable
    Digest spendKey; // SHA-256 of the token's prepared message, null if the line did not decode
    boolean bad;
  }

  private static final class ChunkResult {
    final List<Item> items = new ArrayList<>();
    PointSum[][] a;
    PointSum[][] b;
    boolean complete = true;
  }

  /** Streams the file; returns the summary. Bad framing or encoding → unreadable. */
  public Summary run(InputStream in, LongConsumer progress) throws UnreadableRecordException {
    Summary sum = new Summary();
    MessageDigest fileHash = sha256();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "verify-ballots");
              t.setDaemon(true);
              return t;
            });
    ArrayDeque<Future<ChunkResult>> inflight = new ArrayDeque<>();
    Fold fold = new Fold(sum);
    try {
      LineReader reader = new LineReader(in, fileHash);
      List<Line> batch = new ArrayList<>(chunk);
      int lineNo = 0;
      byte[] line;
      while ((line = reader.next()) != null) {
        lineNo++;
        progress.accept(line.length + 1);
        batch.add(new Line(lineNo, line));
        if (batch.size() == chunk) {
          List<Line> work = batch;
          inflight.add(pool.submit(() -> process(work)));
          batch = new ArrayList<>(chunk);
          while (inflight.size() > threads) { // one chunk read ahead per worker: bounded memory
            fold.accept(take(inflight.poll()));
          }
        }
      }
      if (!batch.isEmpty()) {
        List<Line> work = batch;
        inflight.add(pool.submit(() -> process(work)));
      }
      while (!inflight.isEmpty()) {
        fold.accept(take(inflight.poll()));
      }
      sum.ballots = lineNo;
    } catch (IOException e) {
      throw new UnreadableRecordException(
          "cannot read " + RecordFiles.BALLOTS + ": " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
    sum.fileHash = Digest.of(fileHash.digest());
    fold.finish();
    return sum;
  }

  private static ChunkResult take(Future<ChunkResult> f) throws UnreadableRecordException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnreadableWrapper u) {
        throw u.cause;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static final class UnreadableWrapper extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient UnreadableRecordException cause;

    UnreadableWrapper(UnreadableRecordException cause) {
      super(cause.getMessage());
      this.cause = cause;
    }
  }

  // ---------------- worker ----------------
  private ChunkResult process(List<Line> lines) {
    ChunkResult out = new ChunkResult();
    int s = Math.max(v.subjects(), 0);
    out.a = new PointSum[s][Labels.OPTIONS];
    out.b = new PointSum[s][Labels.OPTIONS];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < Labels.OPTIONS; j++) {
        out.a[i][j] = new PointSum();
        out.b[i][j] = new PointSum();
      }
    }
    BatchVerifier<ProofRef> batch = new BatchVerifier<>(new SecureRandom());
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int li = 0; li < lines.size(); li++) {
      Line l = lines.get(li);
      lines.set(li, null); // the raw line (≈ 20 KB) is garbage once parsed
      try {
        one(l, out, batch, dec, s);
      } catch (UnreadableWrapper u) {
        throw u;
      } catch (RuntimeException e) { // a hostile line must not stop the verifier
        rep.fail(CheckId.V1, line(l.index()), "could not be checked: " + e);
        Item it =
            out.items.isEmpty() || out.items.get(out.items.size() - 1).index != l.index()
                ? new Item()
                : null;
        if (it != null) {
          it.index = l.index();
          out.items.add(it);
        }
        out.items.get(out.items.size() - 1).bad = true;
        out.complete = false;
      }
    }
    finishBatch(out, batch);
    return out;
  }

  private void one(
      Line l, ChunkResult out, BatchVerifier<ProofRef> batch, CharsetDecoder dec, int s) {
    {
      Item it = new Item();
      it.index = l.index();
      out.items.add(it);
      String at = line(l.index());
      byte[] bytes = l.bytes();
      if (!ascii(bytes)) { // a ballot is ASCII; anything else must at least be strict UTF-8
        try {
          dec.decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
          throw new UnreadableWrapper(
              new UnreadableRecordException(
                  RecordFiles.BALLOTS + " line " + l.index() + " is not UTF-8"));
        }
      }
      if (v.encoding() != null) {
        oneV2(l, it, out, batch, s, at);
        return;
      }
      RecordedBallot rb = decode(l, it, out, at, RecordedBallot.class);
      if (rb == null) {
        return;
      }
      Digest tau = declared(it, at, rb);
      Ballot ballot = rb.ballot();
      // V1: shape against the manifest
      boolean shapeOk = shape != null && shaped(shape.shape(l.index(), ballot), at);
      // V6: the ballot hash (needs Q)
      if (v.q() != null) {
        it.hash = BallotHashes.ballotHash(v.q(), tau, ballot.rows());
      }
      if (!shapeOk) {
        unchecked(it, out, at, "cannot check the proofs: ", shape == null);
        return;
      }
      // V5: every proof (batched per chunk, or one at a time on the naive path)
      int before = batch.size();
      if (naive) {
        it.bad |= !proofs.naive(ballot, tau, at);
      } else {
        shape.addProofs(l.index(), ballot, tau, batch);
        proofs.batched(batch.size() - before);
      }
      // V7: partial sums
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < Labels.OPTIONS; j++) {
          Ballot.Option o = ballot.rows().get(i).options().get(j);
          out.a[i][j].add(o.alpha());
          out.b[i][j].add(o.beta());
        }
      }
    }
  }

  /**
   * The part of a line both ballot versions share: keeps the declared index, B_k and T_k for the
   * in-order checks, then V4 on its token; returns τ.
   */
  private Digest declared(Item it, String at, RecordedLine rb) {
    it.declaredIndex = rb.index();
    it.declaredHash = rb.hash();
    it.declaredChain = rb.chain();
    return token(it, at, rb.poll(), rb.token());
  }

  /**
   * V4 for one line ({@link V4TokenCheck}); keeps the spend key for the in-order uniqueness check;
   * returns τ.
   */
  private Digest token(Item it, String at, String poll, Ballot.Token token) {
    V4TokenCheck.Result t = tokens.check(at, poll, token);
    it.spendKey = t.spendKey();
    it.bad |= !t.ok();
    return t.tau();
  }

  /**
   * One line of a ballot version 2 record (docs/protocol.md §16.2–§16.5, §16.7): strict decoding
   * (V1), the token (V4), the shape and every row proof under the manifest's B (V1, V5), B_k (V6)
   * and the per-subject sums (V7, in column 0).
   */
  private void oneV2(
      Line l, Item it, ChunkResult out, BatchVerifier<ProofRef> batch, int s, String at) {
    RecordedBallotV2 rb = decode(l, it, out, at, RecordedBallotV2.class);
    if (rb == null) {
      return;
    }
    Digest tau = declared(it, at, rb);
    BallotV2 ballot = rb.ballot();
    boolean shapeOk = shapeV2 != null && shaped(shapeV2.shape(l.index(), ballot), at);
    if (v.q() != null) {
      it.hash = BallotV2.hash(v.q(), tau, ballot.rows());
    }
    if (!shapeOk) {
      unchecked(it, out, at, "cannot check the row proofs: ", shapeV2 == null);
      return;
    }
    if (naive) {
      it.bad |= !proofs.naiveV2(ballot, tau, at);
    } else {
      int before = batch.size();
      shapeV2.addProofs(l.index(), ballot, tau, batch);
      proofs.batched(batch.size() - before);
    }
    for (int i = 0; i < s; i++) {
      out.a[i][0].add(ballot.rows().get(i).alpha());
      out.b[i][0].add(ballot.rows().get(i).beta());
    }
  }

  /**
   * V1 for one line: strict decoding as its ballot version's type, from the bytes (no String copy
   * of ~20 KB per ballot); null, with the failure reported and the ballot marked bad, when it does
   * not decode.
   */
  private <T> T decode(Line l, Item it, ChunkResult out, String at, Class<T> type) {
    rep.count(CheckId.V1, 1);
    try {
      return STRICT.readValue(l.bytes(), type);
    } catch (JsonProcessingException e) {
      framing(new String(l.bytes(), StandardCharsets.UTF_8), l.index());
      String path = e instanceof JsonMappingException jm ? ProtocolJson.fieldPath(jm) : "";
      rep.fail(CheckId.V1, at + (path.isEmpty() ? "" : " " + path), ParsedRecord.describe(e));
      it.bad = true;
      out.complete = false;
      return null;
    } catch (IOException e) { // not from a byte array; kept for the compiler
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Reports the shape findings (V1); the poll is V4's, checked with the token. True when the ballot
   * has the shape.
   */
  private boolean shaped(List<BoardFinding> findings, String at) {
    boolean ok = true;
    for (BoardFinding f : findings) {
      if (f.check() != CheckId.V4) {
        rep.fail(f.check(), at + " " + f.field(), f.message());
        ok = false;
      }
    }
    return ok;
  }

  /**
   * A ballot whose proofs cannot be checked: bad, the sums incomplete, one V5 failure naming why.
   */
  private void unchecked(Item it, ChunkResult out, String at, String what, boolean setupBroken) {
    it.bad = true;
    out.complete = false;
    proofs.unchecked(
        at,
        what
            + (setupBroken
                ? "Q, K or the manifest is broken (see V1–V3)"
                : "the ballot does not have the manifest's shape (see V1)"));
  }

  private void finishBatch(ChunkResult out, BatchVerifier<ProofRef> batch) {
    if (!naive) {
      Set<Integer> bad = proofs.report(batch);
      for (Item it : out.items) {
        it.bad |= bad.contains(it.index);
      }
    }
  }

  private static String line(int index) {
    return V4TokenCheck.line(index);
  }

  private static boolean ascii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }

  /** A line that is not one JSON object is a framing error: the record is unreadable (§13). */
  private static void framing(String text, int line) {
    JsonNode n;
    try {
      n = SYNTAX.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UnreadableWrapper(
          new UnreadableRecordException(
              RecordFiles.BALLOTS
                  + " line "
                  + line
                  + " is not one JSON object: "
                  + e.getOriginalMessage()));
    }
    if (n == null || !n.isObject()) {
      throw new UnreadableWrapper(
          new UnreadableRecordException(
              RecordFiles.BALLOTS + " line " + line + " is not a JSON object"));
    }
  }

  // ---------------- in-order fold ----------------
  private final class Fold {
    final Summary sum;
    final V6ChainCheck chain;
    final PointSum[][] a;
    final PointSum[][] b;
    boolean complete = true;

    Fold(Summary sum) {
      this.sum = sum;
      this.chain = new V6ChainCheck(v.q(), rep);
      int s = Math.max(v.subjects(), 0);
      a = new PointSum[s][Labels.OPTIONS];
      b = new PointSum[s][Labels.OPTIONS];
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < Labels.OPTIONS; j++) {
          a[i][j] = new PointSum();
          b[i][j] = new PointSum();
        }
      }
    }

    void accept(ChunkResult c) {
      complete &= c.complete;
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < Labels.OPTIONS; j++) {
          a[i][j].add(c.a[i][j]);
          b[i][j].add(c.b[i][j]);
        }
      }
      for (Item it : c.items) {
        it.bad |=
            !chain.next(
                new BoardChain.Entry(
                    it.index,
                    it.declaredIndex,
                    it.declaredHash,
                    it.declaredChain,
                    it.hash,
                    it.spendKey));
        if (it.index == watchIndex) {
          sum.receiptHash = it.declaredHash;
          sum.receiptChain = it.declaredChain;
          sum.receiptBallotOk = !it.bad;
        }
      }
    }

    void finish() {
      sum.lastChain = chain.head();
      if (v.subjects() > 0) {
        sum.sums = new Ciphertext[a.length][Labels.OPTIONS];
        for (int i = 0; i < a.length; i++) {
          for (int j = 0; j < Labels.OPTIONS; j++) {
            sum.sums[i][j] = new Ciphertext(a[i][j].result(), b[i][j].result());
          }
        }
      }
      sum.sumsComplete = complete;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Splits on '\n' only: an optional final newline, no blank lines (§13); hashes every byte read.
   */
  static final class LineReader {
    private final InputStream in;
    private final MessageDigest md;
    private final byte[] buf = new byte[1 << 20]; // most ballots (≈ 20 KB) fall inside it whole
    private int pos;
    private int len;
    private boolean eof;
    private int lineNo;

    LineReader(InputStream in, MessageDigest md) {
      this.in = in;
      this.md = md;
    }

    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      len = in.read(buf);
      pos = 0;
      if (len <= 0) {
        eof = true;
        len = 0;
        return false;
      }
      md.update(buf, 0, len);
      return true;
    }

    byte[] next() throws IOException, UnreadableRecordException {
      java.io.ByteArrayOutputStream line = null;
      while (true) {
        if (pos >= len && !fill()) {
          if (line == null) {
            return null; // clean end (after a final newline, or an empty file)
          }
          lineNo++;
          return checkLine(line.toByteArray()); // last line without a newline
        }
        int start = pos;
        while (pos < len && buf[pos] != '\n') {
          pos++;
        }
        if (line == null && pos < len) { // the whole line is in the buffer: one copy
          byte[] whole = java.util.Arrays.copyOfRange(buf, start, pos);
          pos++;
          lineNo++;
          return checkLine(whole);
        }
        if (line == null) {
          line = new java.io.ByteArrayOutputStream(pos - start + 16);
        }
        if ((long) line.size() + (pos - start) > org.cvote.verifier.record.RecordLimits.MAX_LINE) {
          // never hold a longer line: a 2.5 GiB line of a zip bomb would exhaust the heap
          throw new UnreadableRecordException(
              RecordFiles.BALLOTS
                  + " line "
                  + (lineNo + 1)
                  + " is longer than "
                  + org.cvote.verifier.record.RecordLimits.mib(
                      org.cvote.verifier.record.RecordLimits.MAX_LINE)
                  + ", the reader's limit for one ballot (docs/protocol.md, record reader limits)");
        }
        line.write(buf, start, pos - start);
        if (pos < len) { // found '\n'
          pos++;
          lineNo++;
          return checkLine(line.toByteArray());
        }
      }
    }

    private byte[] checkLine(byte[] l) throws UnreadableRecordException {
      if (l.length == 0) {
        throw new UnreadableRecordException(
            RecordFiles.BALLOTS + " line " + lineNo + " is blank (NDJSON allows no blank lines)");
      }
      return l;
    }
  }
}
