package org.cvote.server.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cvote.crypto.record.Flag;
import org.cvote.crypto.record.TallyFile;
import org.cvote.server.delivery.Deliveries;

/**
 * What is delivered to the authority (001 §7.1): the report (Phụ lục 5, as JSON; the PDF and HTML
 * at the report routes), the flagged persons with their consequence (and whether it is final,
 * §9.4), and the signed record (its size and SHA-256 here, its bytes at {@code
 * /api/polls/{id}/delivery/record.zip}).
 */
public final class DeliveryPackage {
  private DeliveryPackage() {}

  public static Map<String, Object> of(
      Report r, Lang lang, Deliveries.Delivery d, int recordBytes, String recordSha256) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("delivery", d.view());
    out.put("flagged", flagged(r, lang));
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("path", "/api/polls/" + r.pollId() + "/delivery/record.zip");
    rec.put("bytes", recordBytes);
    rec.put("sha256", recordSha256);
    out.put("record", rec);
    out.put("report", r.json(lang));
    return out;
  }

  /** The subjects with a consequence (mục 9.2, 9.3), in ballot order. */
  public static List<Map<String, Object>> flagged(Report r, Lang lang) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Report.SubjectRow s : r.subjects()) {
      TallyFile.Result res = r.result(s.index());
      if (res.flag() == Flag.NONE) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", s.index());
      m.put("personId", s.personId());
      m.put("name", s.name());
      m.put("position", s.position());
      m.put("unit", s.unit());
      m.put("low", res.counts().get(2));
      m.put("lowPercent", res.percent().get(2));
      m.put("flag", res.flag().name());
      m.put("flagLabel", lang.flagLabel(res.flag()));
      m.put("consequence", lang.consequence(res.flag()));
      m.put("final", !s.twoPlaces());
      m.put("twoPlacesNote", s.twoPlaces() ? lang.twoPlacesNote(s.place()) : null);
      out.add(m);
    }
    return out;
  }
}
