package org.cvote.server.dossier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cvote.crypto.hash.Digest;
import org.cvote.server.json.Json;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.Subject;

/**
 * The poll's pre-vote records for the managing authority, as one zip: each person's files, every
 * request with its answer (the voters' names included: requests are not anonymous), the calendar
 * with its reopenings, and a manifest of SHA-256 digests. It is not part of the public
 * cryptographic record, which stays as it is.
 */
public final class DossierArchive {
  private DossierArchive() {}

  public static byte[] zip(Connection c, Dossiers dossiers, String pollId) throws SQLException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, String> manifest = new LinkedHashMap<>();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      Calendar cal = dossiers.calendar(c, pollId);
      put(z, manifest, "calendar.json", Json.write(cal.view(dossiers.now())));
      List<Map<String, Object>> people = new ArrayList<>();
      for (Map.Entry<String, Subject> e : dossiers.people(c, pollId)) {
        people.add(
            Map.of(
                "personId",
                e.getKey(),
                "index",
                e.getValue().index(),
                "name",
                e.getValue().name(),
                "position",
                e.getValue().position(),
                "unit",
                e.getValue().unit()));
        for (Kind k : Kind.values()) {
          var f = dossiers.store().file(c, pollId, e.getKey(), k);
          if (f.isPresent()) {
            put(z, manifest, "dossier/" + e.getKey() + "/" + k.field() + ".pdf", f.get());
          }
        }
      }
      put(z, manifest, "people.json", Json.write(people));
      List<DossierStore.Request> requests = dossiers.store().requests(c, pollId);
      put(
          z,
          manifest,
          "requests.json",
          Json.write(requests.stream().map(r -> Dossiers.requestView(r, true)).toList()));
      // each request also as its Phụ lục 2 form with the answer, ready to print and file
      Poll poll = dossiers.poll(c, pollId);
      Map<String, Subject> byPerson = new LinkedHashMap<>();
      for (Map.Entry<String, Subject> e : dossiers.people(c, pollId)) {
        byPerson.put(e.getKey(), e.getValue());
      }
      int n = 0;
      for (DossierStore.Request r : requests) {
        Subject s = byPerson.get(r.personId());
        if (s == null) {
          continue; // a subject removed from the draft: its requests stay in requests.json
        }
        put(
            z,
            manifest,
            String.format("requests/%03d-%s.html", ++n, r.id()),
            RequestForm.html(poll, s, r, cal.zone())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      z.putNextEntry(new ZipEntry("manifest.json"));
      z.write(Json.write(Map.of("pollId", pollId, "sha256", manifest)));
      z.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream z, Map<String, String> manifest, String name, byte[] data)
      throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(data);
    z.closeEntry();
    manifest.put(name, Digest.sha256(data).toHex());
  }
}
