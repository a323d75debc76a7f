package org.cvote.server.lifecycle;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.poll.Exemption;
import org.cvote.server.poll.PollStore;
import org.cvote.server.poll.Subject;
import org.cvote.server.poll.SubjectCsv;
import org.cvote.server.poll.SubjectInput;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;

/**
 * {@code /admin/polls/{id}/subjects}: add, edit, remove and CSV-import subjects while the poll is a
 * draft.
 */
public final class SubjectAdminService implements HttpService {
  private static final int LIMIT = 16 * 1024;
  private static final int CSV_LIMIT = 1024 * 1024;
  private final Tx tx;
  private final PollStore polls;
  private final AuditLog audit;
  private final AdminAuth auth;
  private final org.cvote.server.person.People people;

  public SubjectAdminService(Tx tx, PollStore polls, AuditLog audit, AdminAuth auth) {
    this(tx, polls, audit, auth, new org.cvote.server.person.People());
  }

  /** {@code people}: each subject's person id, and at most 2 places a year per person (issue 8). */
  public SubjectAdminService(
      Tx tx,
      PollStore polls,
      AuditLog audit,
      AdminAuth auth,
      org.cvote.server.person.People people) {
    this.people = people;
    this.tx = tx;
    this.polls = polls;
    this.audit = audit;
    this.auth = auth;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .get("/{id}/subjects", this::list)
        .post("/{id}/subjects", this::add)
        .post("/{id}/subjects/import", this::importCsv)
        .put("/{id}/subjects/{index}", this::edit)
        .delete("/{id}/subjects/{index}", this::remove)
        .get("/{id}/exemptions", this::exemptions)
        .delete("/{id}/exemptions/{seq}", this::removeExemption);
  }

  private void list(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        Map.of(
            "subjects",
            tx.run(
                c -> {
                  polls.get(c, id);
                  return polls.subjects(c, id);
                })));
  }

  private void add(ServerRequest req, ServerResponse res) {
    SubjectInput in = Http.json(req, LIMIT, SubjectInput.class);
    Subject s = in.validate(0, "");
    String person = people.normalise(in.personId(), "personId");
    String id = Http.param(req, "id");
    String actor = AdminAuth.actor(req);
    Http.created(
        res,
        tx.run(
            c -> {
              requireDraft(c, id);
              var reason = in.exemption(polls.get(c, id).date(), "");
              if (reason.isPresent()) {
                // 001 II.1: not rated this year; kept with the reason and its date, listed in the
                // report
                Exemption e = Exemption.add(c, id, person, s, reason.get(), in.since(""));
                audit.append(
                    c,
                    actor,
                    id,
                    "subject.exempted",
                    e.name() + " " + e.reason() + " " + e.since());
                return Map.of("exempted", e.view());
              }
              Subject added = polls.addSubject(c, id, s.name(), s.position(), s.unit());
              people.assign(
                  c, id, added.index(), person, "personId", in.placePriority(), "placePriority");
              audit.append(
                  c, actor, id, "subject.added", added.index() + " " + added.name() + " " + person);
              return withPerson(
                  added, person, org.cvote.server.person.People.priority(c, id, added.index()));
            }));
  }

  private void edit(ServerRequest req, ServerResponse res) {
    SubjectInput in = Http.json(req, LIMIT, SubjectInput.class);
    String id = Http.param(req, "id");
    int index = Http.intParam(req, "index");
    Subject s = in.validate(index, "");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        tx.run(
            c -> {
              requireDraft(c, id);
              if (in.exemption(polls.get(c, id).date(), "").isPresent()) {
                throw Refusal.invalid(
                    "retiring",
                    "to record that a subject is not rated, remove the subject and add the person with the reason");
              }
              if (!polls.updateSubject(c, id, s)) {
                throw Refusal.notFound("subject");
              }
              String person =
                  in.personId() == null
                      ? org.cvote.server.person.People.ofPoll(c, id).get(index)
                      : people.normalise(in.personId(), "personId");
              if (person == null) {
                person = people.generate();
              }
              people.assign(c, id, index, person, "personId", in.placePriority(), "placePriority");
              audit.append(c, actor, id, "subject.edited", index + " " + s.name() + " " + person);
              return withPerson(s, person, org.cvote.server.person.People.priority(c, id, index));
            }));
  }

  private void remove(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    int index = Http.intParam(req, "index");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        Map.of(
            "subjects",
            tx.run(
                c -> {
                  requireDraft(c, id);
                  if (!polls.removeSubject(c, id, index)) {
                    throw Refusal.notFound("subject");
                  }
                  audit.append(c, actor, id, "subject.removed", String.valueOf(index));
                  return polls.subjects(c, id);
                })));
  }

  /**
   * Imports the subjects; rows of persons who are not rated (001 II.1) are kept as exemptions with
   * the reason and date, and answered under {@code exempted} with their line.
   */
  private void importCsv(ServerRequest req, ServerResponse res) {
    String text = utf8(Http.body(req, CSV_LIMIT));
    List<SubjectInput> rows = SubjectCsv.parse(text);
    String id = Http.param(req, "id");
    java.time.LocalDate pollDate = tx.run(c -> polls.get(c, id).date());
    List<Subject> accepted = new ArrayList<>();
    List<String> persons = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    List<Integer> priorities = new ArrayList<>();
    record Exempt(
        int line,
        Subject subject,
        String person,
        Exemption.Reason reason,
        java.time.LocalDate since) {}
    List<Exempt> exempt = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String prefix = "csv.line " + (i + 2) + ".";
      SubjectInput row = rows.get(i);
      Subject ok = row.validate(0, prefix);
      String person = people.normalise(row.personId(), prefix + "personId");
      var reason = row.exemption(pollDate, prefix);
      if (reason.isPresent()) {
        exempt.add(new Exempt(i + 2, ok, person, reason.get(), row.since(prefix)));
        continue;
      }
      persons.add(person);
      fields.add(prefix + "personId");
      priorities.add(row.placePriority());
      accepted.add(ok);
    }
    String actor = AdminAuth.actor(req);
    List<Map<String, Object>> exempted = new ArrayList<>();
    List<Subject> added =
        tx.run(
            c -> {
              requireDraft(c, id);
              for (Exempt e : exempt) {
                Map<String, Object> v =
                    new LinkedHashMap<>(
                        Exemption.add(c, id, e.person(), e.subject(), e.reason(), e.since())
                            .view());
                v.put("line", e.line());
                exempted.add(v);
              }
              List<Subject> out = new ArrayList<>();
              for (int k = 0; k < accepted.size(); k++) {
                Subject s = accepted.get(k);
                Subject a = polls.addSubject(c, id, s.name(), s.position(), s.unit());
                String f = fields.get(k);
                people.assign(
                    c,
                    id,
                    a.index(),
                    persons.get(k),
                    f,
                    priorities.get(k),
                    f.replace(".personId", ".placePriority"));
                out.add(a);
              }
              audit.append(
                  c,
                  actor,
                  id,
                  "subject.imported",
                  out.size() + " imported, " + exempted.size() + " exempted");
              return out;
            });
    Http.ok(res, Map.of("imported", added, "exempted", exempted));
  }

  private void exemptions(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    Http.ok(
        res,
        Map.of(
            "exempted",
            tx.run(
                c -> {
                  polls.get(c, id);
                  return Exemption.ofPoll(c, id).stream().map(Exemption::view).toList();
                })));
  }

  /** Removes an exemption entered by mistake (draft only). */
  private void removeExemption(ServerRequest req, ServerResponse res) {
    String id = Http.param(req, "id");
    int seq = Http.intParam(req, "seq");
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        Map.of(
            "exempted",
            tx.run(
                c -> {
                  requireDraft(c, id);
                  if (!Exemption.remove(c, id, seq)) {
                    throw Refusal.notFound("exemption");
                  }
                  audit.append(c, actor, id, "subject.exemption-removed", String.valueOf(seq));
                  return Exemption.ofPoll(c, id).stream().map(Exemption::view).toList();
                })));
  }

  private static Map<String, Object> withPerson(Subject s, String person, int priority) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", s.index());
    m.put("name", s.name());
    m.put("position", s.position());
    m.put("unit", s.unit());
    m.put("personId", person);
    m.put("placePriority", priority);
    return m;
  }

  /** Locks the draft poll row: a subject edit and the freeze are ordered (review rev3). */
  private void requireDraft(java.sql.Connection c, String id) throws java.sql.SQLException {
    PollLifecycle.lockDraft(c, polls, id);
  }

  /**
   * Strict UTF-8: a file in another encoding is refused instead of silently mangling Vietnamese
   * names.
   */
  public static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw Refusal.invalid("csv", "the file is not UTF-8");
    }
  }
}
