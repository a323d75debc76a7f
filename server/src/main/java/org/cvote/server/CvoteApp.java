package org.cvote.server;

import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.Optional;
import org.cvote.server.admin.Accounts;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.admin.AuthService;
import org.cvote.server.admin.PasswordHasher;
import org.cvote.server.admin.Sessions;
import org.cvote.server.attendance.AccessCodeStore;
import org.cvote.server.attendance.AccessCodes;
import org.cvote.server.attendance.AttendanceAdminService;
import org.cvote.server.attendance.CheckIn;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.ballot.BallotIntake;
import org.cvote.server.ballot.BallotService;
import org.cvote.server.ballot.BoardAppender;
import org.cvote.server.ballot.ProofBatcher;
import org.cvote.server.board.BoardService;
import org.cvote.server.board.BoardStore;
import org.cvote.server.ceremony.CommitteeAdminService;
import org.cvote.server.ceremony.CommitteeModule;
import org.cvote.server.ceremony.CommitteeRoutes;
import org.cvote.server.http.ErrorHandlers;
import org.cvote.server.http.OpenApiService;
import org.cvote.server.issuance.TokenIssuance;
import org.cvote.server.issuance.TokenService;
import org.cvote.server.lifecycle.PollAdminService;
import org.cvote.server.lifecycle.PollLifecycle;
import org.cvote.server.lifecycle.PublicPollService;
import org.cvote.server.lifecycle.RosterAdminService;
import org.cvote.server.lifecycle.SubjectAdminService;
import org.cvote.server.poll.PollStore;
import org.cvote.server.record.RecordPublisher;
import org.cvote.server.record.RecordService;
import org.cvote.server.roster.RosterStore;
import org.cvote.server.secret.MasterKey;
import org.cvote.server.secret.RecordSigner;
import org.cvote.server.secret.SecretBox;
import org.cvote.server.store.Database;
import org.cvote.server.store.OrderEraser;
import org.cvote.server.store.Tx;
import org.cvote.server.tally.TallyService;
import org.cvote.server.token.AccessCodeThrottle;
import org.cvote.server.token.TokenCrypto;
import org.cvote.server.token.TokenKeyStore;
import org.cvote.server.web.WebUi;

/**
 * The server's object graph: storage, secrets, domain services and HTTP services, built once from a
 * {@link ServerConfig}. {@link #routing} is what both {@code Main} and the tests mount.
 */
public final class CvoteApp implements AutoCloseable {
  /** The pluggable cryptography (interim implementations until the crypto module lands). */
  public record Crypto(TokenCrypto tokens) {}

  private final ServerConfig config;
  private final Database db;
  private final Tx tx;
  private final Optional<String> firstRunPassword;
  private final RecordSigner signer;
  private final PollLifecycle lifecycle;
  private final HttpServices services;
  private final CommitteeModule committee;
  private final org.cvote.server.report.ReportService reports;
  private final ProofBatcher batcher;
  private final BoardAppender appender;
  private final org.cvote.server.admin.LoginGuard loginGuard;

  /** Issue 20: the weeks before the vote (calendar, dossiers, portal, requests and answers). */
  private final org.cvote.server.dossier.DossierAdminRoutes dossierAdmin;

  private final org.cvote.server.dossier.PortalRoutes portal;
  private final org.cvote.server.dossier.AuthorityArchiveRoutes dossierArchive;

  private record HttpServices(
      AuthService auth,
      PollAdminService polls,
      SubjectAdminService subjects,
      RosterAdminService roster,
      AttendanceAdminService attendance,
      PublicPollService publicPolls,
      TokenService tokens,
      BallotService ballots,
      BoardService board,
      RecordService record,
      CommitteeRoutes committee,
      CommitteeAdminService committeeAdmin,
      org.cvote.server.tally.TallyRoutes tally,
      org.cvote.server.record.PublishRoutes publish,
      org.cvote.server.report.ReportRoutes reports,
      org.cvote.server.report.ResultsRoutes results,
      org.cvote.server.report.AuthorityKeyRoutes authorityKeys,
      org.cvote.server.report.PersonRoutes people,
      org.cvote.server.delivery.DeliveryRoutes deliveries) {}

  public CvoteApp(ServerConfig config, Crypto crypto, Clock clock) {
    this.config = config;
    SecretBox box = MasterKey.loadOrCreate(config.masterKey());
    this.db = Database.open(config.store(), config.dataDir());
    this.tx = new Tx(db);
    AuditLog audit = new AuditLog(clock);
    Accounts accounts = new Accounts(tx, new PasswordHasher(), audit, clock);
    try {
      // the signing key first: a wrong master key must stop the start before anything is written;
      // under the start-up lock, so nodes starting together on an empty database make one key and
      // one account
      record FirstStart(RecordSigner signer, Optional<String> password) {}
      FirstStart first =
          db.exclusively(
              c ->
                  new FirstStart(
                      RecordSigner.loadOrCreate(tx, box), accounts.ensureFirstAccount()));
      this.signer = first.signer();
      this.firstRunPassword = first.password();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    Sessions sessions = new Sessions(tx, clock, config.sessionTtl());
    AdminAuth auth = new AdminAuth(sessions);
    PollStore polls = new PollStore();
    RosterStore roster = new RosterStore();
    TokenKeyStore tokenKeys = new TokenKeyStore(box);
    AccessCodeStore codes = new AccessCodeStore();
    BoardStore board = new BoardStore();
    this.lifecycle =
        new PollLifecycle(
            tx,
            polls,
            roster,
            tokenKeys,
            crypto.tokens(),
            signer,
            audit,
            clock,
            new OrderEraser(db));
    AccessCodes accessCodes = new AccessCodes();
    CheckIn checkIn = new CheckIn(tx, polls, roster, codes, accessCodes, audit);
    TokenIssuance issuance =
        new TokenIssuance(
            tx,
            polls,
            roster,
            codes,
            accessCodes,
            tokenKeys,
            crypto.tokens(),
            new AccessCodeThrottle(tx, config.throttle(), clock),
            clock);
    this.batcher =
        ProofBatcher.create(
            Integer.getInteger(
                "cvote.proofWorkers",
                ProofBatcher.workersFor(Runtime.getRuntime().availableProcessors())),
            ProofBatcher.DEFAULT_MAX_BATCH);
    this.appender = BoardAppender.create(tx, polls, clock, BoardAppender.DEFAULT_MAX_GROUP);
    BallotIntake intake =
        new BallotIntake(tx, polls, tokenKeys, crypto.tokens(), signer, clock, batcher, appender);
    // counting committee: ceremony, tally, record (org.cvote.server.ceremony / tally / record)
    this.committee = new CommitteeModule(tx, polls, tokenKeys, board, lifecycle, audit, clock);
    committee.completeFinishedCeremonies(); // recovery of a ceremony that finished just before an
    // unclean stop
    lifecycle
        .erasePendingOrders(); // recovery of an order erase that failed, or a stop between a close
    // and its erase
    TallyService tally = new TallyService(tx, polls, roster, lifecycle, audit, committee);
    RecordPublisher publisher =
        new RecordPublisher(tx, polls, lifecycle, committee, signer, config.dataDir());
    // issue 8: the counting report, people across polls, who may see results
    org.cvote.server.person.People people = new org.cvote.server.person.People();
    org.cvote.server.report.ReportService reports =
        new org.cvote.server.report.ReportService(tx, polls, committee, audit);
    org.cvote.server.report.ResultsAccess access =
        new org.cvote.server.report.ResultsAccess(
            auth, codes, accessCodes, new org.cvote.server.ballot.ReceiptProof(signer.publicKey()));
    this.reports = reports;
    this.loginGuard = new org.cvote.server.admin.LoginGuard(config.login(), clock);
    org.cvote.server.http.ClientAddress clientAddress =
        new org.cvote.server.http.ClientAddress(config.trustedProxies());
    org.cvote.server.dossier.Dossiers dossiers =
        new org.cvote.server.dossier.Dossiers(tx, polls, roster, audit, clock);
    this.dossierAdmin =
        new org.cvote.server.dossier.DossierAdminRoutes(
            dossiers, polls, audit, auth, config.publicUrl());
    this.portal = new org.cvote.server.dossier.PortalRoutes(dossiers, polls);
    this.dossierArchive =
        new org.cvote.server.dossier.AuthorityArchiveRoutes(dossiers, polls, access, audit);
    this.services =
        new HttpServices(
            new AuthService(accounts, sessions, auth, loginGuard, clientAddress),
            new PollAdminService(tx, polls, roster, lifecycle, audit, auth, clock),
            new SubjectAdminService(tx, polls, audit, auth, people),
            new RosterAdminService(tx, polls, roster, audit, auth),
            new AttendanceAdminService(checkIn, tx, polls, roster, auth, config.publicUrl()),
            new PublicPollService(tx, polls, tokenKeys, board, signer),
            new TokenService(issuance, clientAddress),
            new BallotService(intake, config.ballotLimit()),
            new BoardService(tx, polls, board),
            new RecordService(
                tx, polls, auth, new org.cvote.server.ballot.ReceiptProof(signer.publicKey())),
            new CommitteeRoutes(committee),
            new CommitteeAdminService(committee, auth, config.publicUrl()),
            new org.cvote.server.tally.TallyRoutes(tally, auth),
            new org.cvote.server.record.PublishRoutes(publisher, auth),
            new org.cvote.server.report.ReportRoutes(
                tx, polls, reports, access, people, audit, auth),
            new org.cvote.server.report.ResultsRoutes(tx, polls, reports, access),
            new org.cvote.server.report.AuthorityKeyRoutes(tx, access, audit, auth),
            new org.cvote.server.report.PersonRoutes(tx, polls, access),
            new org.cvote.server.delivery.DeliveryRoutes(tx, audit, auth));
  }

  /** Mounts every route; one HttpService per resource. */
  public void routing(HttpRouting.Builder routing) {
    ErrorHandlers.register(routing);
    WebUi.headers(routing);
    routing
        .register("/admin", services.auth())
        .register(
            "/admin/polls",
            services.polls(),
            services.subjects(),
            services.roster(),
            services.attendance(),
            services.committeeAdmin(),
            services.tally(),
            services.publish(),
            services.reports())
        .register("/admin/polls", dossierAdmin)
        .register("/api/portal", portal)
        .register("/api/polls", dossierArchive)
        .register("/admin/authority-keys", services.authorityKeys())
        .register("/admin/people", services.people())
        .register("/admin/deliveries", services.deliveries())
        .register(
            "/api/polls",
            services.publicPolls(),
            services.tokens(),
            services.ballots(),
            services.board(),
            services.record(),
            services.committee(),
            services.results())
        .register("/openapi", new OpenApiService());
    WebUi.pages(routing);
  }

  /** The first-run secretariat password, present only on the start that created the account. */
  public Optional<String> firstRunPassword() {
    return firstRunPassword;
  }

  public PollLifecycle lifecycle() {
    return lifecycle;
  }

  /** The counting report (Phụ lục 5) of tallied polls. */
  public org.cvote.server.report.ReportService reports() {
    return reports;
  }

  public CommitteeModule committee() {
    return committee;
  }

  /** The limits on the secretariat's login (attempts, password-hashing pool). */
  public org.cvote.server.admin.LoginGuard loginGuard() {
    return loginGuard;
  }

  public RecordSigner signer() {
    return signer;
  }

  public Tx tx() {
    return tx;
  }

  public Database database() {
    return db;
  }

  public ServerConfig config() {
    return config;
  }

  /** Finishes the ballots in flight (verified ones are stored), then closes the database. */
  @Override
  public void close() {
    batcher.close();
    appender.close();
    db.close();
  }
}
