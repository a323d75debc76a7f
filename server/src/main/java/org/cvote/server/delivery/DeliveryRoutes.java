package org.cvote.server.delivery;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cvote.server.admin.AdminAuth;
import org.cvote.server.audit.AuditLog;
import org.cvote.server.http.Http;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.store.Tx;
import org.cvote.server.util.Text;

/**
 * Secretariat routes of the deliveries (bearer session), under {@code /admin/deliveries}:
 *
 * <ul>
 *   <li>{@code GET /}: every delivery with its status (DUE, OVERDUE, DELIVERED), due day and
 *       delivery day;
 *   <li>{@code GET /holidays}, {@code PUT /holidays} {@code {"holidays": [{"day": "2026-09-02",
 *       "name": "Quốc khánh"}]}}: the public holidays skipped when counting the 7 working days
 *       (weekends always are).
 * </ul>
 */
public final class DeliveryRoutes implements HttpService {
  record Holiday(String day, String name) {}

  record Holidays(List<Holiday> holidays) {}

  private final Tx tx;
  private final AuditLog audit;
  private final AdminAuth auth;

  public DeliveryRoutes(Tx tx, AuditLog audit, AdminAuth auth) {
    this.tx = tx;
    this.audit = audit;
    this.auth = auth;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .any(auth::filter)
        .get(
            "/",
            (req, res) ->
                Http.ok(
                    res,
                    Map.of(
                        "deliveries",
                        tx.run(c -> Deliveries.all(c, Instant.now())).stream()
                            .map(Deliveries.Delivery::view)
                            .toList())))
        .get(
            "/holidays",
            (req, res) -> Http.ok(res, Map.of("holidays", view(tx.run(Deliveries::holidays)))))
        .put("/holidays", this::setHolidays);
  }

  private void setHolidays(ServerRequest req, ServerResponse res) {
    Holidays in = Http.json(req, 64 * 1024, Holidays.class);
    if (in.holidays() == null) {
      throw Refusal.missing("holidays");
    }
    if (in.holidays().size() > 1000) {
      throw Refusal.invalid("holidays", "at most 1000 days");
    }
    Map<LocalDate, String> days = new TreeMap<>();
    for (int i = 0; i < in.holidays().size(); i++) {
      Holiday h = in.holidays().get(i);
      String f = "holidays[" + i + "]";
      if (h == null || h.day() == null) {
        throw Refusal.missing(f + ".day");
      }
      LocalDate d;
      try {
        d = LocalDate.parse(h.day());
      } catch (DateTimeParseException e) {
        throw Refusal.invalid(f + ".day", "expected YYYY-MM-DD");
      }
      // what a SQL DATE holds (Derby: years 1–9999); "+10000-01-01" parses but would fail in the
      // store
      if (d.getYear() < 1 || d.getYear() > 9999) {
        throw Refusal.invalid(f + ".day", "expected a year from 0001 to 9999");
      }
      if (days.put(d, Text.required(h.name(), f + ".name", 200)) != null) {
        throw Refusal.invalid(f + ".day", "listed twice");
      }
    }
    String actor = AdminAuth.actor(req);
    Http.ok(
        res,
        Map.of(
            "holidays",
            view(
                tx.run(
                    c -> {
                      Deliveries.setHolidays(c, days);
                      audit.append(c, actor, null, "delivery.holidays", days.size() + " days");
                      return Deliveries.holidays(c);
                    }))));
  }

  private static List<Map<String, Object>> view(Map<LocalDate, String> days) {
    List<Map<String, Object>> out = new ArrayList<>();
    days.forEach(
        (d, n) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("day", d.toString());
          m.put("name", n);
          out.add(m);
        });
    return out;
  }
}
