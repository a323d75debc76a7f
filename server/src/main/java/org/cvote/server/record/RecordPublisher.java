package org.cvote.server.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingRecord;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.RecordJson;
import org.cvote.crypto.record.RecordWriter;
import org.cvote.crypto.record.SigningKeyFile;
import org.cvote.crypto.record.TokenKeyFile;
import org.cvote.server.ceremony.CommitteeModule;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.protocol.Contexts;
import org.cvote.server.secret.RecordSigner;
import org.cvote.server.store.Tx;
import org.cvote.server.tally.TallyService;

/**
 * tallied → published: writes the record of docs/protocol.md §10 with the crypto module's {@link
 * RecordWriter} into {@code <data>/records/<poll>/} (manifest, context, committee, token key,
 * ballots in chain order, aggregate, decryption, tally, signing key, record.sig signed by the
 * server's Ed25519 key; from version 2 the closing statement and the members' partial signatures as
 * extra fields, docs/protocol.md §9.5), zips it and stores the zip that {@code GET
 * /api/polls/{id}/record} serves.
 */
public final class RecordPublisher {
  private final Tx tx;
  private final PollStore polls;
  private final PollLifecycle lifecycle;
  private final CommitteeModule committee;
  private final RecordSigner signer;
  private final Path recordsDir;

  public RecordPublisher(
      Tx tx,
      PollStore polls,
      PollLifecycle lifecycle,
      CommitteeModule committee,
      RecordSigner signer,
      Path dataDir) {
    this.tx = tx;
    this.polls = polls;
    this.lifecycle = lifecycle;
    this.committee = committee;
    this.signer = signer;
    this.recordsDir = dataDir.resolve("records");
  }

  public Path directory(String pollId) {
    return recordsDir.resolve(pollId);
  }

  /** Writes the record directory and publishes the poll; returns the zip's size. */
  public Poll publish(String actor, String pollId) {
    record Snapshot(Poll poll, TallyInput input, TallyService.Stored tally) {}
    Snapshot snap =
        tx.run(
            c -> {
              Poll p = polls.get(c, pollId);
              PollLifecycle.require(p, PollStatus.TALLIED);
              return new Snapshot(
                  p,
                  committee.source().input(c, p),
                  TallyService.stored(c, pollId)
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "tallied poll " + pollId + " has no stored tally")));
            });
    CeremonyResult r = CommitteeModule.committee(() -> committee.coordinator().result(pollId));
    CommitteeFile cr =
        CommitteeModule.committee(() -> committee.coordinator().committeeRecord(pollId));
    TallyInput in = snap.input();
    // M of the poll's ballot version (§16.1 binds B): Q must be the one fixed at the ceremony
    Context ctx =
        new Context(
            in.manifestHash(),
            r.n(),
            r.t(),
            r.commitments(),
            r.jointKey(),
            Digest.sha256(in.tokenSpki()),
            Digest.sha256(signer.publicKey()));
    if (!ctx.hash().toHex().equals(snap.poll().q())) {
      throw new IllegalStateException("recomputed Q differs from the poll's fixed Q");
    }
    Path dir = directory(pollId);
    byte[] zip;
    try {
      clear(dir);
      try (RecordWriter w = RecordWriter.create(dir)) {
        Contexts.manifestExtras(snap.poll()).forEach(w::manifestExtra); // §16.1, §10.6
        DecryptionFile dr = snap.tally().decryption();
        if (in.isV2()) {
          // ballot version 2 (docs/protocol.md §16.6): v2 lines, one aggregate per subject, the
          // s<i>
          // shares; always record version 2 (a v2 poll cannot close without a statement)
          if (in.closing() == null || snap.tally().partials() == null) {
            throw new IllegalStateException(
                "ballot version 2 poll " + pollId + " has no closing statement or partials");
          }
          for (RecordedBallotV2 b : in.boardV2()) {
            w.ballot(b);
          }
          w.finish(
              in.manifest(),
              ContextFile.of(ctx),
              cr,
              TokenKeyFile.of(in.tokenSpki()),
              committee.desk().aggregateV2(pollId),
              dr,
              snap.tally().tally(),
              signingKeyFile(),
              new ClosingRecord(in.closing(), snap.tally().partials()),
              d -> signer.sign(d.bytes()));
        } else if (in.closing() != null
            && snap.tally().partials()
                != null) { // version 2: the closing statement and the partials' signatures
          writeBallots(w, in);
          w.finish(
              in.manifest(),
              ContextFile.of(ctx),
              cr,
              TokenKeyFile.of(in.tokenSpki()),
              committee.desk().aggregate(pollId),
              dr,
              snap.tally().tally(),
              signingKeyFile(),
              new ClosingRecord(in.closing(), snap.tally().partials()),
              d -> signer.sign(d.bytes()));
        } else { // a poll closed or tallied before version 2
          writeBallots(w, in);
          w.finish(
              in.manifest(),
              ContextFile.of(ctx),
              cr,
              TokenKeyFile.of(in.tokenSpki()),
              committee.desk().aggregate(pollId),
              dr,
              snap.tally().tally(),
              signingKeyFile(),
              d -> signer.sign(d.bytes()));
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RecordWriter.zip(dir, out);
      zip = out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the record into " + dir, e);
    }
    return lifecycle.publish(actor, pollId, zip);
  }

  private static void writeBallots(RecordWriter w, TallyInput in) throws IOException {
    for (RecordedBallot b : in.board()) {
      w.ballot(b);
    }
  }

  private static void clear(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  private SigningKeyFile signingKeyFile() throws IOException {
    return new SigningKeyFile(
        signer.publicKey(), (ObjectNode) RecordJson.lenient().readTree(signer.publicKeysetJson()));
  }
}
