package org.cvote.crypto.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.elgamal.DiscreteLogTable;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.proof.SchnorrProof;
import org.cvote.crypto.threshold.Feldman;
import org.cvote.crypto.threshold.PackedTally;
import org.cvote.crypto.threshold.Polynomial;
import org.cvote.crypto.token.TokenKeyPair;

/**
 * {@link ElectionFixture} for ballot version 2 (docs/protocol.md §16): the same simulated poll (dealerless t-of-n key,
 * real RFC 9474 tokens, record version 2 with the closing statement and the partial signatures), with the manifest's
 * {@code "ballotVersion": 2} and {@code "base"} B = summoned + 1 bound into M, one ciphertext and one 4-branch row
 * proof per row, one aggregate and one decryption per subject (label {@code s<i>}), and the counts found by
 * baby-step giant-step over [0, N·B²] and split. Attendance is the v1 fixture's (summoned fixed from the ballots).
 */
public final class ElectionFixtureV2 {
    private static final int CHUNK = 256;

    static {
        try {
            com.google.crypto.tink.signature.SignatureConfig.register();
            com.google.crypto.tink.hybrid.HybridConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ElectionFixtureV2() {}

    private record MemberSecrets(Polynomial poly, byte[] hpkeRaw, byte[] edRaw, ObjectNode hpkeKeyset, ObjectNode edKeyset, byte[] edSeed) {}

    private static ObjectNode keysetJson(KeysetHandle publicHandle) throws GeneralSecurityException, IOException {
        String json = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(publicHandle);
        return (ObjectNode) RecordJson.lenient().readTree(json);
    }

    /** The attendance figures of the fixture for N ballots: summoned, present, absentFromStart, presentAtVoting, issued. */
    static long[] attendance(long collected) {
        long issued = collected + 1;
        long presentAtVoting = issued + 1;
        long present = presentAtVoting + 1;
        long absent = present / 2;
        return new long[] {present + absent, present, absent, presentAtVoting, issued};
    }

    /** Writes a version 2 record: {@code ElectionFixtureV2 DIR [ballots [subjects]]} (tests and the second verifier's development). */
    public static void main(String[] args) {
        ElectionFixture.Spec spec = ElectionFixture.Spec.small();
        if (args.length > 1) {
            spec = spec.withBallots(Integer.parseInt(args[1]));
        }
        if (args.length > 2) {
            spec = spec.withSubjects(Integer.parseInt(args[2]));
        }
        write(spec, Path.of(args[0]));
        System.out.println("wrote " + args[0]);
    }

    /** Builds the poll and writes its version 2 record into {@code dir} (created if needed). */
    public static ElectionFixture.Result write(ElectionFixture.Spec spec, Path dir) {
        try {
            return doWrite(spec, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | DiscreteLogTable.OutOfRangeException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ElectionFixture.Result doWrite(ElectionFixture.Spec spec, Path dir)
            throws IOException, GeneralSecurityException, DiscreteLogTable.OutOfRangeException {
        Files.createDirectories(dir);
        SecureRandom rng = new SecureRandom();
        java.util.Random choiceRng = new java.util.Random(spec.seed());
        long[] att = attendance(spec.ballots());
        EncodingV2 enc = EncodingV2.forSummoned(Math.toIntExact(att[0]));

        // Manifest
        List<Manifest.Subject> subjects = new ArrayList<>();
        String[] names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Võ Minh Đức"};
        String[] positions = {"Chủ tịch", "Phó Chủ tịch", "Trưởng ban Pháp chế", "Trưởng ban Kinh tế", "Chánh Văn phòng"};
        for (int i = 1; i <= spec.subjects(); i++) {
            subjects.add(new Manifest.Subject(i, names[(i - 1) % names.length] + (i > names.length ? " " + i : ""),
                    positions[(i - 1) % positions.length], "HĐND tỉnh"));
        }
        Manifest manifest = new Manifest(spec.pollId(), spec.title(), subjects);
        ObjectNode manifestJson = RecordJson.strict().valueToTree(manifest);
        manifestJson.put("ballotVersion", EncodingV2.VERSION);
        manifestJson.put("base", enc.base());

        // Signing key (Tink Ed25519, RAW)
        KeysetHandle signing = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519WithRawOutput);
        Ed25519PrivateKey edPriv = (Ed25519PrivateKey) signing.getPrimary().getKey();
        byte[] signSk = edPriv.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] signPk = edPriv.getPublicKey().getPublicKeyBytes().toByteArray();
        SigningKeyFile signingKeyFile = new SigningKeyFile(signPk, keysetJson(signing.getPublicKeysetHandle()));

        // Token key
        TokenKeyPair rsa = ElectionFixture.tokenKey();
        byte[] spki = rsa.publicKey().toSpki();

        // Committee: keys, γ, polynomials, commitments, Schnorr proofs
        HpkeParameters hpkeParams = HpkeParameters.builder()
                .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                .setVariant(HpkeParameters.Variant.NO_PREFIX).build();
        List<MemberSecrets> secrets = new ArrayList<>();
        List<CommitteeHashes.MemberKeys> keys = new ArrayList<>();
        for (int i = 1; i <= spec.n(); i++) {
            KeysetHandle hpke = KeysetHandle.generateNew(hpkeParams).getPublicKeysetHandle();
            KeysetHandle edPrivate = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519WithRawOutput);
            byte[] edSeed = ((Ed25519PrivateKey) edPrivate.getPrimary().getKey()).getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
            KeysetHandle ed = edPrivate.getPublicKeysetHandle();
            byte[] hpkeRaw = ((HpkePublicKey) hpke.getPrimary().getKey()).getPublicKeyBytes().toByteArray();
            byte[] edRaw = ((Ed25519PublicKey) ed.getPrimary().getKey()).getPublicKeyBytes().toByteArray();
            secrets.add(new MemberSecrets(Polynomial.random(spec.t(), rng), hpkeRaw, edRaw, keysetJson(hpke), keysetJson(ed), edSeed));
            keys.add(new CommitteeHashes.MemberKeys(hpkeRaw, edRaw));
        }
        Digest gamma = CommitteeHashes.ceremonyId(spec.pollId(), spec.t(), keys);
        List<List<Point>> allCommitments = new ArrayList<>();
        for (MemberSecrets m : secrets) {
            allCommitments.add(m.poly().commitments());
        }
        Point jointKey = Feldman.jointKey(allCommitments);
        List<CommitteeFile.Member> members = new ArrayList<>();
        Scalar[] shares = new Scalar[spec.n() + 1];
        for (int i = 1; i <= spec.n(); i++) {
            MemberSecrets m = secrets.get(i - 1);
            List<SchnorrProof> proofs = new ArrayList<>();
            for (int j = 0; j < spec.t(); j++) {
                proofs.add(SchnorrProof.prove(gamma, i, j, m.poly().coefficient(j), rng));
            }
            Scalar s = Scalar.ZERO;
            for (MemberSecrets other : secrets) {
                s = s.add(other.poly().evaluate(i));
            }
            shares[i] = s;
            Point publicShare = Feldman.publicShare(allCommitments, i);
            if (!publicShare.equals(Point.baseMul(s))) {
                throw new IllegalStateException("public share mismatch");
            }
            members.add(new CommitteeFile.Member(i, "Thành viên " + i, m.hpkeRaw(), m.edRaw(), m.hpkeKeyset(), m.edKeyset(),
                    CommitteeHashes.commitHash(gamma, i, allCommitments.get(i - 1)), allCommitments.get(i - 1), proofs,
                    publicShare));
        }
        CommitteeFile committee = new CommitteeFile(gamma, members);

        Context context = new Context(enc.manifestHash(manifest), spec.n(), spec.t(), allCommitments, jointKey, Digest.sha256(spki),
                Digest.sha256(signPk));
        Digest q = context.hash();
        ContextFile contextFile = ContextFile.of(context);
        jointKey.precomputed();

        // Ballots, streamed in parallel chunks
        int subjectsN = spec.subjects();
        long[][] counts = new long[subjectsN][3];
        PointSum[] sumA = new PointSum[subjectsN];
        PointSum[] sumB = new PointSum[subjectsN];
        for (int s = 0; s < subjectsN; s++) {
            sumA[s] = new PointSum();
            sumB[s] = new PointSum();
        }
        List<Digest> hashes = new ArrayList<>();
        List<Digest> chain = new ArrayList<>();
        Digest prev = BallotHashes.chainStart(q);
        MessageDigest ballotsHash = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new java.security.DigestOutputStream(
                new BufferedOutputStream(Files.newOutputStream(dir.resolve(RecordFiles.BALLOTS)), 1 << 16), ballotsHash)) {
            for (int start = 0; start < spec.ballots(); start += CHUNK) {
                int end = Math.min(spec.ballots(), start + CHUNK);
                int[][] choices = new int[end - start][subjectsN];
                for (int b = 0; b < choices.length; b++) {
                    for (int s = 0; s < subjectsN; s++) {
                        int x = choiceRng.nextInt(10);
                        // skewed so that flags appear: mostly LOW for subject 1, blanks ~10%
                        choices[b][s] = x == 0 ? BallotV2Encryptor.BLANK : (s == 0 ? (x < 8 ? 2 : x % 2) : x % 3);
                        if (choices[b][s] != BallotV2Encryptor.BLANK) {
                            counts[s][choices[b][s]]++;
                        }
                    }
                }
                BallotV2[] made = new BallotV2[choices.length];
                IntStream.range(0, choices.length).parallel().forEach(b -> {
                    SecureRandom r = new SecureRandom();
                    made[b] = BallotV2Encryptor.encrypt(spec.pollId(), q, jointKey, enc, ElectionFixture.token(rsa, spec.pollId(), r),
                            choices[b], r).ballot();
                });
                for (int b = 0; b < made.length; b++) {
                    BallotV2 ballot = made[b];
                    Digest h = ballot.hash(q);
                    Digest t = BallotHashes.chainNext(prev, h);
                    prev = t;
                    if (hashes.size() < 100_000) {
                        hashes.add(h);
                        chain.add(t);
                    }
                    out.write(RecordJson.write(RecordedBallotV2.of(ballot, start + b + 1, h, t)));
                    out.write('\n');
                    for (int s = 0; s < subjectsN; s++) {
                        sumA[s].add(ballot.rows().get(s).alpha());
                        sumB[s].add(ballot.rows().get(s).beta());
                    }
                }
            }
        }

        // Aggregate: one ciphertext per subject
        int collected = spec.ballots();
        List<AggregateFileV2.Row> aggRows = new ArrayList<>();
        Point[] aggAlpha = new Point[subjectsN];
        Point[] aggBeta = new Point[subjectsN];
        if (collected > 0) {
            for (int s = 0; s < subjectsN; s++) {
                aggAlpha[s] = sumA[s].result();
                aggBeta[s] = sumB[s].result();
                aggRows.add(new AggregateFileV2.Row(s + 1, aggAlpha[s], aggBeta[s]));
            }
        }

        // Decryption by U (one value per subject), BSGS over [0, N·B²] with one shared table, split, tally
        List<DecryptionFile.Share> decShares = new ArrayList<>();
        List<TallyFile.Result> results = new ArrayList<>();
        DiscreteLogTable table = collected > 0 ? DiscreteLogTable.forSearches(enc.bound(collected), subjectsN) : null;
        for (int s = 0; s < subjectsN; s++) {
            long[] found = new long[3];
            if (collected > 0) {
                String label = BallotV2.label(s + 1);
                Map<Integer, Point> partialsOfSubject = new java.util.TreeMap<>();
                for (int member : spec.decryptors()) {
                    Point mm = aggAlpha[s].multiply(shares[member]);
                    DecryptionProof.Statement st = new DecryptionProof.Statement(q, member, label,
                            members.get(member - 1).publicShare(), aggAlpha[s], mm);
                    decShares.add(new DecryptionFile.Share(member, label, mm, DecryptionProof.prove(st, shares[member], rng)));
                    partialsOfSubject.put(member, mm);
                }
                found = PackedTally.counts(enc, collected, aggBeta[s], partialsOfSubject, table);
                if (!java.util.Arrays.equals(found, counts[s])) {
                    throw new IllegalStateException("decryption gave " + java.util.Arrays.toString(found) + ", expected "
                            + java.util.Arrays.toString(counts[s]));
                }
            }
            results.add(TallyFile.Result.of(s + 1, found[0], found[1], found[2], collected));
        }
        DecryptionFile decryption = collected > 0 ? new DecryptionFile(spec.decryptors(), decShares)
                : new DecryptionFile(List.of(), List.of());
        TallyFile tally = new TallyFile(att[0], att[1], att[2], att[3], att[4], collected, results);

        // Record version 2: the closing statement and each decrypting member's signature over its shares
        ClosingStatement closing = ClosingStatement.sign(spec.pollId(), q, collected, prev, d -> RecordSignature.sign(signSk, d));
        List<PartialSignature> partials = new ArrayList<>();
        for (int member : collected > 0 ? spec.decryptors() : List.<Integer>of()) {
            List<DecryptionFile.Share> own = decShares.stream().filter(x -> x.member() == member).toList();
            Digest payload = PartialSignature.payload(q, member, collected, prev, own);
            partials.add(new PartialSignature(member, collected, prev, RecordSignature.sign(secrets.get(member - 1).edSeed(), payload)));
        }
        ClosingRecord closingRecord = new ClosingRecord(closing, partials);
        ObjectNode aggregateJson = closingRecord.aggregateJson(new AggregateFileV2(collected, aggRows));

        Object[] files = {manifestJson, contextFile, committee, TokenKeyFile.of(spki), null, aggregateJson,
                closingRecord.decryptionJson(decryption), tally};
        List<Digest> fileHashes = new ArrayList<>();
        for (int i = 0; i < RecordFiles.SIGNED.size(); i++) {
            if (files[i] == null) {
                fileHashes.add(Digest.of(ballotsHash.digest()));
                continue;
            }
            byte[] bytes = RecordJson.write(files[i]);
            Files.write(dir.resolve(RecordFiles.SIGNED.get(i)), bytes);
            fileHashes.add(Digest.sha256(bytes));
        }
        Files.write(dir.resolve(RecordFiles.SIGNING_KEY), RecordJson.write(signingKeyFile));
        Files.write(dir.resolve(RecordFiles.SIGNATURE), RecordSignature.format(RecordSignature.sign(signSk, RecordSignature.digest(fileHashes))));
        return new ElectionFixture.Result(dir, signSk, signPk, q, counts, hashes, chain, secrets.stream().map(MemberSecrets::edSeed).toList());
    }
}
