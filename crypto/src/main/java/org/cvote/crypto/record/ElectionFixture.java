package org.cvote.crypto.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.PointSum;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.proof.DecryptionProof;
import org.cvote.crypto.proof.SchnorrProof;
import org.cvote.crypto.threshold.DiscreteLog;
import org.cvote.crypto.threshold.Feldman;
import org.cvote.crypto.threshold.Lagrange;
import org.cvote.crypto.threshold.Polynomial;
import org.cvote.crypto.token.BlindResult;
import org.cvote.crypto.token.SignedToken;
import org.cvote.crypto.token.TokenClient;
import org.cvote.crypto.token.TokenIssuer;
import org.cvote.crypto.token.TokenKeyPair;

/**
 * Simulates a whole poll with the crypto core only and writes its published record (docs/protocol.md §10):
 * a dealerless t-of-n key (polynomials, Feldman commitments, Schnorr proofs, γ, commit hashes, Tink
 * public keysets), a manifest and Q, N ballots with random choices including blanks, the chain, the
 * aggregate, partial decryptions with DLEQ proofs by a set U, the combined counts, the tally figures,
 * an Ed25519 record-signing key (Tink, RAW), the closing statement and the members' partial signatures (record
 * version 2) and record.sig.
 *
 * <p>Tokens: real RFC 9474 tokens (RSABSSA-SHA384-PSS-Randomized, RSA-3072, uniform blinding) made with
 * the crypto module's TokenClient and TokenIssuer.
 *
 * <p>Ballots are generated in parallel chunks and streamed to ballots.ndjson, so big records (benchmarks)
 * need no memory per ballot.
 */
public final class ElectionFixture {
    /** Parameters of a simulated poll. */
    public record Spec(String pollId, String title, int subjects, int ballots, int n, int t, List<Integer> decryptors,
                       long seed) {
        public static Spec small() {
            return new Spec("poll-2026-hdnd", "Lấy phiếu tín nhiệm HĐND tỉnh, kỳ họp thứ 12", 3, 12, 3, 2, List.of(1, 3), 1);
        }

        public Spec withBallots(int b) {
            return new Spec(pollId, title, subjects, b, n, t, decryptors, seed);
        }

        public Spec withSubjects(int s) {
            return new Spec(pollId, title, s, ballots, n, t, decryptors, seed);
        }
    }

    /**
     * What a test may need beyond the files: the signing key (to re-sign tampered records), the members' Ed25519 seeds
     * (member i at index i − 1, to sign partial decryptions of another board) and the truth.
     */
    public record Result(Path dir, byte[] signingPrivateKey, byte[] signingPublicKey, Digest q, long[][] counts,
                         List<Digest> ballotHashes, List<Digest> chain, List<byte[]> memberSigningKeys) {}

    private static final int CHUNK = 256;

    static {
        try {
            SignatureConfig.register();
            HybridConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ElectionFixture() {}

    private static volatile TokenKeyPair cachedKey;

    /** One RSA-3072 token key per JVM (key generation takes a second); every poll of a test run shares it. */
    public static TokenKeyPair tokenKey() {
        TokenKeyPair k = cachedKey;
        if (k == null) {
            synchronized (ElectionFixture.class) {
                if (cachedKey == null) {
                    cachedKey = TokenKeyPair.generate(new SecureRandom());
                }
                k = cachedKey;
            }
        }
        return k;
    }

    /** A real RFC 9474 token: the voter's client prepares and blinds (uniform r), the issuer blind-signs, the client finalizes. */
    public static Ballot.Token token(TokenKeyPair key, String pollId, SecureRandom rng) {
        try {
            TokenClient client = TokenClient.create(key.publicKey(), pollId);
            BlindResult b = client.begin(rng);
            SignedToken t = client.finish(b.state(), TokenIssuer.create(key).blindSign(b.blindedMessage()));
            return new Ballot.Token(t.prepared(), t.signature());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record MemberSecrets(Polynomial poly, byte[] hpkeRaw, byte[] edRaw, ObjectNode hpkeKeyset, ObjectNode edKeyset, byte[] edSeed) {}

    private static ObjectNode keysetJson(KeysetHandle publicHandle) throws GeneralSecurityException, IOException {
        String json = TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(publicHandle);
        return (ObjectNode) RecordJson.lenient().readTree(json);
    }

    /** Builds the poll and writes its record into {@code dir} (created if needed). */
    public static Result write(Spec spec, Path dir) {
        try {
            return doWrite(spec, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | DiscreteLog.OutOfBoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result doWrite(Spec spec, Path dir) throws IOException, GeneralSecurityException, DiscreteLog.OutOfBoundException {
        Files.createDirectories(dir);
        SecureRandom rng = new SecureRandom();
        java.util.Random choiceRng = new java.util.Random(spec.seed());

        // Manifest
        List<Manifest.Subject> subjects = new ArrayList<>();
        String[] names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Võ Minh Đức"};
        String[] positions = {"Chủ tịch", "Phó Chủ tịch", "Trưởng ban Pháp chế", "Trưởng ban Kinh tế", "Chánh Văn phòng"};
        for (int i = 1; i <= spec.subjects(); i++) {
            subjects.add(new Manifest.Subject(i, names[(i - 1) % names.length] + (i > names.length ? " " + i : ""),
                    positions[(i - 1) % positions.length], "HĐND tỉnh"));
        }
        Manifest manifest = new Manifest(spec.pollId(), spec.title(), subjects);

        // Signing key (Tink Ed25519, RAW)
        KeysetHandle signing = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519WithRawOutput);
        Ed25519PrivateKey edPriv = (Ed25519PrivateKey) signing.getPrimary().getKey();
        byte[] signSk = edPriv.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] signPk = edPriv.getPublicKey().getPublicKeyBytes().toByteArray();
        SigningKeyFile signingKeyFile = new SigningKeyFile(signPk, keysetJson(signing.getPublicKeysetHandle()));

        // Token key
        TokenKeyPair rsa = tokenKey();
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

        Context context = Context.of(manifest, spec.n(), spec.t(), allCommitments, jointKey, spki, signPk);
        Digest q = context.hash();
        ContextFile contextFile = ContextFile.of(context);
        jointKey.precomputed();

        // Ballots, streamed in parallel chunks
        int subjectsN = spec.subjects();
        long[][] counts = new long[subjectsN][Labels.OPTIONS];
        PointSum[][] sumA = new PointSum[subjectsN][Labels.OPTIONS];
        PointSum[][] sumB = new PointSum[subjectsN][Labels.OPTIONS];
        for (int s = 0; s < subjectsN; s++) {
            for (int j = 0; j < Labels.OPTIONS; j++) {
                sumA[s][j] = new PointSum();
                sumB[s][j] = new PointSum();
            }
        }
        List<Digest> hashes = new ArrayList<>();
        List<Digest> chain = new ArrayList<>();
        Digest prev = BallotHashes.chainStart(q);
        RecordWriter writer = RecordWriter.create(dir);
        {
            RecordWriter w = writer;
            for (int start = 0; start < spec.ballots(); start += CHUNK) {
                int end = Math.min(spec.ballots(), start + CHUNK);
                int[][] choices = new int[end - start][subjectsN];
                for (int b = 0; b < choices.length; b++) {
                    for (int s = 0; s < subjectsN; s++) {
                        int x = choiceRng.nextInt(10);
                        // skewed so that flags appear: mostly LOW for subject 1, blanks ~10%
                        choices[b][s] = x == 0 ? BallotEncryptor.BLANK : (s == 0 ? (x < 8 ? 2 : x % 2) : x % 3);
                        if (choices[b][s] != BallotEncryptor.BLANK) {
                            counts[s][choices[b][s]]++;
                        }
                    }
                }
                Ballot[] made = new Ballot[choices.length];
                IntStream.range(0, choices.length).parallel().forEach(b -> {
                    SecureRandom r = new SecureRandom();
                    made[b] = BallotEncryptor.encrypt(spec.pollId(), q, jointKey, token(rsa, spec.pollId(), r), choices[b], r).ballot();
                });
                for (int b = 0; b < made.length; b++) {
                    Ballot ballot = made[b];
                    Digest h = BallotHashes.ballotHash(q, ballot);
                    Digest t = BallotHashes.chainNext(prev, h);
                    prev = t;
                    if (hashes.size() < 100_000) {
                        hashes.add(h);
                        chain.add(t);
                    }
                    w.ballot(RecordedBallot.of(ballot, start + b + 1, h, t));
                    for (int s = 0; s < subjectsN; s++) {
                        for (int j = 0; j < Labels.OPTIONS; j++) {
                            Ballot.Option o = ballot.rows().get(s).options().get(j);
                            sumA[s][j].add(o.alpha());
                            sumB[s][j].add(o.beta());
                        }
                    }
                }
            }
        }

        // Aggregate
        long collected = spec.ballots();
        List<AggregateFile.Row> aggRows = new ArrayList<>();
        Ciphertext[][] agg = new Ciphertext[subjectsN][Labels.OPTIONS];
        if (collected > 0) {
            for (int s = 0; s < subjectsN; s++) {
                List<AggregateFile.Option> opts = new ArrayList<>();
                for (int j = 0; j < Labels.OPTIONS; j++) {
                    agg[s][j] = new Ciphertext(sumA[s][j].result(), sumB[s][j].result());
                    opts.add(AggregateFile.Option.of(agg[s][j]));
                }
                aggRows.add(new AggregateFile.Row(s + 1, opts));
            }
        }
        AggregateFile aggregate = new AggregateFile(collected, aggRows);

        // Decryption by U, combination, tally
        List<DecryptionFile.Share> decShares = new ArrayList<>();
        List<TallyFile.Result> results = new ArrayList<>();
        Map<Integer, Scalar> w = collected > 0 ? Lagrange.coefficients(spec.decryptors()) : Map.of();
        for (int s = 0; s < subjectsN; s++) {
            long[] found = new long[Labels.OPTIONS];
            for (int j = 0; j < Labels.OPTIONS; j++) {
                if (collected == 0) {
                    continue;
                }
                String label = Labels.option(s + 1, j);
                Point alpha = agg[s][j].alpha();
                Point combined = Point.IDENTITY;
                for (int member : spec.decryptors()) {
                    Point mm = alpha.multiply(shares[member]);
                    DecryptionProof.Statement st = new DecryptionProof.Statement(q, member, label,
                            members.get(member - 1).publicShare(), alpha, mm);
                    decShares.add(new DecryptionFile.Share(member, label, mm, DecryptionProof.prove(st, shares[member], rng)));
                    combined = combined.add(mm.multiply(w.get(member)));
                }
                found[j] = DiscreteLog.solve(agg[s][j].beta().subtract(combined), collected);
                if (found[j] != counts[s][j]) {
                    throw new IllegalStateException("decryption gave " + found[j] + ", expected " + counts[s][j]);
                }
            }
            results.add(TallyFile.Result.of(s + 1, found[0], found[1], found[2], collected));
        }
        DecryptionFile decryption = collected > 0 ? new DecryptionFile(spec.decryptors(), decShares)
                : new DecryptionFile(List.of(), List.of());
        long issued = collected + 1;
        long presentAtVoting = issued + 1;
        long present = presentAtVoting + 1;
        long absent = present / 2;
        TallyFile tally = new TallyFile(present + absent, present, absent, presentAtVoting, issued, collected, results);

        // Version 2: the closing statement of the board (N, T_N) and each decrypting member's signature over its shares of it
        ClosingStatement closing = ClosingStatement.sign(spec.pollId(), q, collected, prev, d -> RecordSignature.sign(signSk, d));
        List<PartialSignature> partials = new ArrayList<>();
        for (int member : collected > 0 ? spec.decryptors() : List.<Integer>of()) {
            List<DecryptionFile.Share> own = decShares.stream().filter(x -> x.member() == member).toList();
            Digest payload = PartialSignature.payload(q, member, collected, prev, own);
            partials.add(new PartialSignature(member, collected, prev, RecordSignature.sign(secrets.get(member - 1).edSeed(), payload)));
        }
        writer.finish(manifest, contextFile, committee, TokenKeyFile.of(spki), aggregate, decryption, tally, signingKeyFile,
                new ClosingRecord(closing, partials), d -> RecordSignature.sign(signSk, d));
        writer.close();
        return new Result(dir, signSk, signPk, q, counts, hashes, chain, secrets.stream().map(MemberSecrets::edSeed).toList());
    }

    /** (Re-)writes record.sig over the eight files as they are now in {@code dir}. */
    public static void sign(Path dir, byte[] signingPrivateKey) {
        try {
            List<byte[]> files = new ArrayList<>();
            for (String f : RecordFiles.SIGNED) {
                files.add(Files.readAllBytes(dir.resolve(f)));
            }
            byte[] sig = RecordSignature.sign(signingPrivateKey, RecordSignature.digestOfFiles(files));
            Files.write(dir.resolve(RecordFiles.SIGNATURE), RecordSignature.format(sig));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zips a record directory's files (flat, as GET /record serves them). */
    public static void zip(Path dir, Path zip) {
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            for (String f : RecordFiles.ALL) {
                z.putNextEntry(new ZipEntry(f));
                Files.copy(dir.resolve(f), z);
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a record directory (to tamper with a copy). */
    public static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            for (String f : RecordFiles.ALL) {
                Files.copy(from.resolve(f), to.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
