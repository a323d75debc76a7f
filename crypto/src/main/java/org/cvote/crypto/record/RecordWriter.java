package org.cvote.crypto.record;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.ballot.RecordedLine;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.hash.Digest;

/**
 * Writes a record directory (docs/protocol.md §10) in the exact form the verifier reads: ballots
 * are streamed to ballots.ndjson one line each (in chain order, index = line number), then {@link
 * #finish} writes the other files as compact UTF-8 JSON and record.sig over the eight files'
 * SHA-256. The signer receives the 32-byte digest H("cvote/v1/record", …) and returns the 64-byte
 * Ed25519 signature (e.g. Tink's RAW PublicKeySign).
 *
 * <pre>
 * try (RecordWriter w = RecordWriter.create(dir)) {
 *     for (RecordedBallot b : board) w.ballot(b);
 *     w.finish(manifest, context, committee, tokenKey, aggregate, decryption, tally, signingKey, d -> signer.sign(d.bytes()));
 * }
 * </pre>
 */
public final class RecordWriter implements Closeable {
  private final Path dir;
  private final OutputStream ballots;
  private final MessageDigest ballotsHash;
  private int count;
  private boolean finished;

  /**
   * Extra fields of manifest.json (docs/protocol.md §10.6), after its four; M does not cover them.
   */
  private final java.util.Map<String, Object> manifestExtra = new java.util.LinkedHashMap<>();

  private RecordWriter(Path dir) throws IOException {
    this.dir = dir;
    try {
      this.ballotsHash = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    this.ballots =
        new DigestOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(dir.resolve(RecordFiles.BALLOTS)), 1 << 16),
            ballotsHash);
  }

  public static RecordWriter create(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new RecordWriter(dir);
  }

  /** Appends the next ballot of the chain; its index must be the next line number. */
  public void ballot(RecordedBallot b) throws IOException {
    line(b);
  }

  /**
   * Appends the next ballot version 2 line (docs/protocol.md §16.2); its index must be the next
   * line number. A record holds lines of one version: the caller writes the poll's.
   */
  public void ballot(RecordedBallotV2 b) throws IOException {
    line(b);
  }

  private void line(RecordedLine b) throws IOException {
    if (finished) {
      throw new IllegalStateException("record already finished");
    }
    if (b.index() != count + 1) {
      throw new IllegalArgumentException(
          "ballot index " + b.index() + " is not the next line " + (count + 1));
    }
    ballots.write(RecordJson.write(b));
    ballots.write('\n');
    count++;
  }

  /**
   * Adds an extra field to manifest.json (docs/protocol.md §10.3 allows them; §10.6: the served
   * pages' hashes). The manifest hash M is computed from the four fields of §3 only, so it does not
   * change; record.sig covers the file.
   */
  public void manifestExtra(String name, Object value) {
    if (java.util.Set.of("pollId", "title", "subjects", "options").contains(name)) {
      throw new IllegalArgumentException("manifest.json field " + name + " is not an extra field");
    }
    manifestExtra.put(name, Objects.requireNonNull(value, name));
  }

  public int ballots() {
    return count;
  }

  /** Writes the other files and record.sig of a version 1 record; returns the signed digest. */
  public Digest finish(
      Manifest manifest,
      ContextFile context,
      CommitteeFile committee,
      TokenKeyFile tokenKey,
      AggregateFile aggregate,
      DecryptionFile decryption,
      TallyFile tally,
      SigningKeyFile signingKey,
      Function<Digest, byte[]> signer)
      throws IOException {
    return write(
        manifest, context, committee, tokenKey, aggregate, decryption, tally, signingKey, signer);
  }

  /**
   * Writes a version 2 record: as version 1, with the closing statement and the members' partial
   * signatures as extra fields of aggregate.json and decryption.json ({@link ClosingRecord}).
   */
  public Digest finish(
      Manifest manifest,
      ContextFile context,
      CommitteeFile committee,
      TokenKeyFile tokenKey,
      AggregateFile aggregate,
      DecryptionFile decryption,
      TallyFile tally,
      SigningKeyFile signingKey,
      ClosingRecord closing,
      Function<Digest, byte[]> signer)
      throws IOException {
    checkCount(closing, aggregate.count());
    return write(
        manifest,
        context,
        committee,
        tokenKey,
        closing.aggregateJson(aggregate),
        closing.decryptionJson(decryption),
        tally,
        signingKey,
        signer);
  }

  /**
   * Writes a ballot version 2 record (docs/protocol.md §16.6): aggregate.json holds one ciphertext
   * per subject, then the record version 2 fields; decryption.json the {@code s<i>} shares and the
   * partial signatures. A version 2 ballot poll always publishes record version 2.
   */
  public Digest finish(
      Manifest manifest,
      ContextFile context,
      CommitteeFile committee,
      TokenKeyFile tokenKey,
      AggregateFileV2 aggregate,
      DecryptionFile decryption,
      TallyFile tally,
      SigningKeyFile signingKey,
      ClosingRecord closing,
      Function<Digest, byte[]> signer)
      throws IOException {
    checkCount(closing, aggregate.count());
    return write(
        manifest,
        context,
        committee,
        tokenKey,
        closing.aggregateJson(aggregate),
        closing.decryptionJson(decryption),
        tally,
        signingKey,
        signer);
  }

  /** The closing statement counts exactly the ballots written and aggregated. */
  private void checkCount(ClosingRecord closing, long aggregated) {
    Objects.requireNonNull(closing, "closing");
    if (closing.statement().count() != aggregated || closing.statement().count() != count) {
      throw new IllegalArgumentException(
          "the closing statement's count "
              + closing.statement().count()
              + " differs from the record's "
              + count
              + " ballots");
    }
  }

  private Digest write(
      Manifest manifest,
      ContextFile context,
      CommitteeFile committee,
      TokenKeyFile tokenKey,
      Object aggregate,
      Object decryption,
      TallyFile tally,
      SigningKeyFile signingKey,
      Function<Digest, byte[]> signer)
      throws IOException {
    Objects.requireNonNull(signer, "signer");
    ballots.close();
    finished = true;
    List<Digest> hashes = new ArrayList<>();
    Object manifestFile = manifest;
    if (!manifestExtra.isEmpty()) {
      com.fasterxml.jackson.databind.node.ObjectNode m =
          RecordJson.strict().valueToTree(Objects.requireNonNull(manifest, "manifest"));
      manifestExtra.forEach((k, v) -> m.set(k, RecordJson.strict().valueToTree(v)));
      manifestFile = m;
    }
    Object[] files = {
      manifestFile, context, committee, tokenKey, null, aggregate, decryption, tally
    };
    for (int i = 0; i < RecordFiles.SIGNED.size(); i++) {
      if (files[i] == null && i == 4) {
        hashes.add(Digest.of(ballotsHash.digest()));
        continue;
      }
      byte[] bytes = RecordJson.write(Objects.requireNonNull(files[i], RecordFiles.SIGNED.get(i)));
      Files.write(dir.resolve(RecordFiles.SIGNED.get(i)), bytes);
      hashes.add(Digest.sha256(bytes));
    }
    Files.write(
        dir.resolve(RecordFiles.SIGNING_KEY),
        RecordJson.write(Objects.requireNonNull(signingKey, "signingKey")));
    Digest d = RecordSignature.digest(hashes);
    Files.write(dir.resolve(RecordFiles.SIGNATURE), RecordSignature.format(signer.apply(d)));
    return d;
  }

  /**
   * Zips a finished record directory's ten files, flat (what GET /api/polls/{id}/record serves).
   */
  public static void zip(Path dir, OutputStream out) throws IOException {
    ZipOutputStream z = new ZipOutputStream(out);
    for (String f : RecordFiles.ALL) {
      z.putNextEntry(new ZipEntry(f));
      Files.copy(dir.resolve(f), z);
      z.closeEntry();
    }
    z.finish();
  }

  @Override
  public void close() throws IOException {
    ballots.close();
  }
}
