package org.cvote.server.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.Member;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.board.BoardStore;
import org.cvote.server.http.ApiException;
import org.cvote.server.http.Json;
import org.cvote.server.poll.CeremonyOutcome;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.PollLifecycle;
import org.cvote.server.poll.PollStatus;
import org.cvote.server.poll.PollStore;
import org.cvote.server.store.Tx;
import org.cvote.server.tally.BoardTallySource;
import org.cvote.server.tally.SqlPartialStore;
import org.cvote.server.token.TokenKeyStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The counting committee inside the server (committee/API.md): the coordinator over the database's
 * {@link SqlCeremonyStore}, the decryption desk over the board and the database's {@link SqlPartialStore},
 * and the glue to the poll life cycle: when the ceremony reaches DONE the poll goes ceremony → ready
 * with Q fixed ({@link PollLifecycle#completeCeremony}); every transition is audited.
 */
public final class CommitteeModule {
    private static final System.Logger LOG = System.getLogger(CommitteeModule.class.getName());
    private final Tx tx;
    private final PollStore polls;
    private final PollLifecycle lifecycle;
    private final AuditLog audit;
    private final CeremonyCoordinator coordinator;
    private final BoardTallySource source;
    private final SqlPartialStore partials;
    private final DecryptionDesk desk;
    private final CommitteeApi api;
    private final CommitteeInvitations invitations;
    private static final int CONCURRENT_RETRIES = 10;

    public CommitteeModule(Tx tx, PollStore polls, TokenKeyStore tokenKeys, BoardStore board, PollLifecycle lifecycle,
                           AuditLog audit) {
        this(tx, polls, tokenKeys, board, lifecycle, audit, java.time.Clock.systemUTC());
    }

    public CommitteeModule(Tx tx, PollStore polls, TokenKeyStore tokenKeys, BoardStore board, PollLifecycle lifecycle,
                           AuditLog audit, java.time.Clock clock) {
        this.tx = tx;
        this.polls = polls;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.coordinator = new CeremonyCoordinator(new SqlCeremonyStore(tx, clock));
        this.invitations = new CommitteeInvitations(tx, polls, audit, clock);
        this.source = new BoardTallySource(tx, polls, tokenKeys, board);
        this.partials = new SqlPartialStore(tx);
        this.desk = new DecryptionDesk(coordinator, source, partials);
        this.api = new CommitteeApi(coordinator, desk, source);
    }

    public CeremonyCoordinator coordinator() {
        return coordinator;
    }

    /** The secretariat's invitations to the committee (docs/protocol.md §8.6). */
    public CommitteeInvitations invitations() {
        return invitations;
    }

    public DecryptionDesk desk() {
        return desk;
    }

    public BoardTallySource source() {
        return source;
    }

    public SqlPartialStore partials() {
        return partials;
    }

    Poll poll(String pollId) {
        return tx.run(c -> polls.get(c, pollId));
    }

    /** A committee route of API.md §2 ({@code rest} = the path after /api/polls/{id}/). */
    public CommitteeApi.Response handle(String method, String pollId, String rest, byte[] body) {
        Poll p = poll(pollId); // 404 for an unknown poll, before the coordinator creates any state
        if (rest.equals("committee/members") && p.status() != PollStatus.DRAFT && p.status() != PollStatus.CEREMONY) {
            throw ApiException.conflict("wrong_state", "members join while the poll is in DRAFT or CEREMONY; it is " + p.status());
        }
        Phase before = method.equals("POST") && rest.startsWith("committee/ceremony") ? phase(pollId) : null;
        // a registration sent again (a lost answer) is answered 200 as the first time: audit only a new one
        Set<String> registered = method.equals("POST") && rest.equals("committee/members") ? registeredFingerprints(pollId) : Set.of();
        CommitteeApi.Response r = api.handle(method, pollId, rest, body);
        // Another node saved the ceremony state between this node's load and save (optimistic version check):
        // the post is applied again to the state now stored, as if it had arrived a moment later.
        for (int retry = 0; retry < CONCURRENT_RETRIES && concurrentUpdate(r); retry++) {
            r = api.handle(method, pollId, rest, body);
        }
        if (r.status() / 100 != 2 || !method.equals("POST")) return r;
        if (rest.equals("committee/members")) {
            String fp = Json.tree(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).path("fingerprint").asText("");
            if (registered.contains(fp)) return r;
            String detail = coordinator.view(pollId).registrations().stream().filter(x -> fp.equals(fingerprint(x)))
                    .map(x -> x.displayName() + (x.displayName().equals(x.name()) ? "" : " (signed as " + x.name() + ")"))
                    .findFirst().orElse("");
            String actor = "member:" + fp;
            tx.exec(c -> audit.append(c, actor, pollId, "committee.registered", detail));
        } else if (rest.equals("committee/decryption")) {
            int member = -1;
            try {
                member = CommitteeJson.mapper().readTree(body).path("member").asInt(-1);
            } catch (IOException ignored) {
                // already parsed
            }
            int[] progress = desk.progress(pollId);
            String detail = "member " + member + "; " + progress[0] + " of " + progress[1] + " needed";
            tx.exec(c -> audit.append(c, "committee", pollId, "committee.partial-decryption", detail));
        } else if (before != null) {
            if (rest.equals("committee/ceremony/complaints") || rest.equals("committee/ceremony/answers")) {
                auditDispute(pollId, rest, body);
            }
            afterCeremonyPost(pollId, before);
        }
        return r;
    }

    /** A complaint or an answer (§8.8) is part of the poll's history: who accused whom, and how it was resolved. */
    private void auditDispute(String pollId, String rest, byte[] body) {
        int member;
        int other;
        try {
            JsonNode n = CommitteeJson.mapper().readTree(body);
            member = n.path("member").asInt(-1);
            other = rest.endsWith("complaints") ? n.path("accused").asInt(-1) : n.path("complainant").asInt(-1);
        } catch (IOException e) {
            return; // already parsed by the API
        }
        String detail;
        String action;
        if (rest.endsWith("complaints")) {
            action = "committee.complaint";
            detail = "member " + member + " complains about the share from member " + other;
        } else {
            action = "committee.answer";
            CeremonyState s = coordinator.view(pollId);
            boolean checks = s.answer(member, other).map(a -> CeremonyCoordinator.answerChecks(s, a)).orElse(false);
            detail = "member " + member + " published its share for member " + other + ": "
                    + (checks ? "it checks, the complaint is dismissed" : "it fails the check, the complaint is upheld");
        }
        tx.exec(c -> audit.append(c, "committee", pollId, action, detail));
    }

    private static boolean concurrentUpdate(CommitteeApi.Response r) {
        return r.status() == 409 && SqlCeremonyStore.CONCURRENT_UPDATE.equals(
                Json.tree(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).path("error").asText(""));
    }

    private Set<String> registeredFingerprints(String pollId) {
        try {
            Set<String> out = new HashSet<>();
            coordinator.view(pollId).registrations().forEach(x -> out.add(fingerprint(x)));
            return out;
        } catch (CommitteeException e) {
            return Set.of();
        }
    }

    private Phase phase(String pollId) {
        try {
            return coordinator.view(pollId).phase();
        } catch (CommitteeException e) {
            return null;
        }
    }

    /** Audits phase changes; on DONE fixes Q and moves the poll ceremony → ready. */
    void afterCeremonyPost(String pollId, Phase before) {
        CeremonyState s = coordinator.view(pollId);
        if (s.phase() != before) {
            String detail = "attempt " + s.attempt() + ": " + before + " → " + s.phase()
                    + (s.phase() == Phase.FAILED && s.failure() != null ? " (" + s.failure().reason() + "; accused " + s.failure().accused() + ")" : "");
            tx.exec(c -> audit.append(c, "committee", pollId, "committee.phase", detail));
        }
        completeIfDone(pollId);
    }

    /** If the ceremony is DONE and the poll still in CEREMONY, computes Q and marks the poll ready. Idempotent. */
    public void completeIfDone(String pollId) {
        CeremonyState s;
        try {
            s = coordinator.view(pollId);
        } catch (CommitteeException e) {
            return;
        }
        if (s.phase() != Phase.DONE || poll(pollId).status() != PollStatus.CEREMONY) return;
        CeremonyResult r = coordinator.result(pollId);
        try {
            lifecycle.completeCeremony("committee", pollId, new CeremonyOutcome(r.n(), r.t(), r.commitments(), r.jointKey()));
        } catch (ApiException e) {
            if (poll(pollId).status() == PollStatus.CEREMONY) throw e; // otherwise completed concurrently
        }
    }

    /**
     * At boot: a ceremony whose DONE was committed while its poll did not move to READY (the server stopped between
     * those two transactions) is completed now, since the members' tools, seeing DONE, post nothing more that would.
     * Returns how many polls moved; a poll that cannot is logged and left for {@link #progress} to retry.
     */
    public int completeFinishedCeremonies() {
        List<String> waiting = tx.run(c -> polls.list(c).stream().filter(p -> p.status() == PollStatus.CEREMONY).map(Poll::id).toList());
        int moved = 0;
        for (String id : waiting) {
            try {
                completeIfDone(id);
                if (poll(id).status() == PollStatus.READY) moved++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "poll " + id + ": finished ceremony not completed at boot: " + e.getMessage());
            }
        }
        return moved;
    }

    // ----- secretariat actions -----

    /**
     * Approves the elected committee and starts the ceremony with threshold t (docs/protocol.md §8.7). {@code approved}
     * lists exactly the members the secretariat ticked, in index order, each by its key fingerprint (or its Ed25519
     * key in hex): nobody else becomes a member, whoever registered meanwhile. Refused (400 naming the field) when
     * the list is missing, names an unknown or repeated fingerprint, or holds fewer than t members.
     * A poll still in DRAFT is first moved to CEREMONY (manifest frozen, token key made).
     */
    public CeremonyState start(String actor, String pollId, int t, List<String> approved) {
        if (approved == null || approved.isEmpty()) {
            throw ApiException.invalid("members", "Chọn các thành viên được phê duyệt / list the approved members' fingerprints");
        }
        if (t < 1) throw ApiException.invalid("t", "threshold must be at least 1");
        if (approved.size() < t) {
            throw ApiException.invalid("members", "Cần phê duyệt ít nhất t = " + t + " thành viên / approve at least t = " + t
                    + " members (listed " + approved.size() + ")");
        }
        Poll p = poll(pollId);
        PollLifecycle.require(p, PollStatus.DRAFT, PollStatus.CEREMONY);
        CeremonyState s;
        try {
            s = coordinator.view(pollId);
        } catch (CommitteeException e) {
            s = new CeremonyState(pollId); // nobody has registered: every fingerprint is unknown
        }
        List<byte[]> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < approved.size(); i++) {
            String want = approved.get(i) == null ? "" : approved.get(i).trim();
            Registration found = null;
            for (Registration r : s.registrations()) {
                if (want.equalsIgnoreCase(fingerprint(r)) || want.equalsIgnoreCase(HexFormat.of().formatHex(r.signingPublicKey()))) {
                    found = r;
                }
            }
            if (found == null) {
                throw ApiException.invalid("members[" + i + "]", "Không có đăng ký với dấu vân tay này / no registration has fingerprint " + want);
            }
            if (!seen.add(HexFormat.of().formatHex(found.signingPublicKey()))) {
                throw ApiException.invalid("members[" + i + "]", "member listed twice");
            }
            keys.add(found.signingPublicKey());
        }
        if (p.status() == PollStatus.DRAFT) lifecycle.startCeremony(actor, pollId);
        CeremonyState started = committee(() -> coordinator.start(pollId, t, keys));
        String detail = "n=" + started.n() + " t=" + started.t() + " attempt " + started.attempt() + " members "
                + started.members().stream().map(m -> m.name() + " " + org.cvote.committee.identity.PublicKeys.fingerprint(
                        m.hpkePublicKey(), m.signingPublicKey())).toList();
        tx.exec(c -> audit.append(c, actor, pollId, "committee.started", detail));
        return started;
    }

    /** After a FAILED attempt: restarts without the given members (default: those the failure accuses). */
    public CeremonyState restart(String actor, String pollId, Set<Integer> exclude) {
        PollLifecycle.require(poll(pollId), PollStatus.CEREMONY);
        CeremonyState s = committee(() -> coordinator.view(pollId));
        Set<Integer> out = exclude;
        if (out == null || out.isEmpty()) {
            if (s.failure() == null || s.failure().accused() == null || s.failure().accused().isEmpty()) {
                throw ApiException.conflict("nobody_accused", "the failed attempt accuses nobody; name the members to exclude");
            }
            out = new HashSet<>(s.failure().accused());
        }
        Set<Integer> excluded = out;
        CeremonyState r = committee(() -> coordinator.restartWithout(pollId, excluded));
        String detail = "attempt " + r.attempt() + " without " + excluded + "; n=" + r.n() + " t=" + r.t();
        tx.exec(c -> audit.append(c, actor, pollId, "committee.restarted", detail));
        return r;
    }

    /** The secretariat's view: phase, registrations, members, round progress, failures, decryption progress. */
    public ObjectNode progress(String pollId) {
        Poll p = poll(pollId);
        completeIfDone(pollId);
        ObjectNode out = Json.object();
        out.put("pollStatus", poll(pollId).status().name());
        CeremonyState s;
        try {
            s = coordinator.view(pollId);
        } catch (CommitteeException e) {
            out.put("phase", "NONE");
            out.putArray("registrations");
            return out;
        }
        out.put("phase", s.phase().name());
        out.put("attempt", s.attempt());
        out.put("n", s.n());
        out.put("t", s.t());
        ArrayNode regs = out.putArray("registrations");
        for (Registration r : s.registrations()) {
            ObjectNode o = regs.addObject();
            o.put("name", r.displayName());
            if (!r.displayName().equals(r.name())) o.put("signedName", r.name());
            o.put("fingerprint", fingerprint(r));
            o.put("signingPublicKey", HexFormat.of().formatHex(r.signingPublicKey()));
        }
        ArrayNode members = out.putArray("members");
        for (Member m : s.members()) {
            ObjectNode o = members.addObject();
            o.put("index", m.index());
            o.put("name", m.name());
            o.put("committed", s.commit(m.index()).isPresent());
            o.put("revealed", s.reveal(m.index()).isPresent());
            o.put("sharesPosted", s.hasShares(m.index()));
            o.put("confirmed", s.confirmation(m.index()).isPresent());
        }
        ArrayNode disputes = out.putArray("complaints");
        for (var c : s.complaints()) {
            ObjectNode o = disputes.addObject();
            o.put("member", c.member());
            o.put("accused", c.accused());
            o.put("reason", c.reason());
            o.put("answer", s.answer(c.accused(), c.member())
                    .map(a -> CeremonyCoordinator.answerChecks(s, a) ? "VALID" : "INVALID").orElse("NONE"));
        }
        out.set("failure", s.failure() == null ? null : tree(s.failure()));
        out.set("history", tree(s.history()));
        if (s.phase() == Phase.DONE) {
            out.put("jointKey", s.jointKey().toHex());
            if (p.status() == PollStatus.CLOSED || p.status() == PollStatus.TALLIED || p.status() == PollStatus.PUBLISHED) {
                ObjectNode d = out.putObject("decryption");
                int[] pr = desk.progress(pollId);
                d.put("valid", pr[0]);
                d.put("needed", pr[1]);
                ArrayNode who = d.putArray("members");
                partials.load(pollId).forEach(x -> who.add(x.member()));
            }
        }
        return out;
    }

    static String fingerprint(Registration r) {
        return org.cvote.committee.identity.PublicKeys.fingerprint(r.hpkePublicKey(), r.signingPublicKey());
    }

    private static JsonNode tree(Object o) {
        try {
            return Json.tree(new String(CommitteeJson.mapper().writeValueAsBytes(o), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a coordinator call, mapping its refusals to the server's error shape. */
    public static <T> T committee(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (CommitteeException e) {
            throw new ApiException(e.status(), e.code(), e.getMessage(), e.field());
        }
    }
}
