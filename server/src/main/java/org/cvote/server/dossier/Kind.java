package org.cvote.server.dossier;

import org.cvote.server.refusal.Refusal;

/** The two files of a person's dossier (Phụ lục 2 of the provincial plan, items 1 and 2). */
public enum Kind {
  REPORT("report", "Báo cáo của người được lấy phiếu tín nhiệm", "Self-report"),
  DECLARATION("declaration", "Bản kê khai tài sản, thu nhập", "Asset and income declaration");

  private final String field;
  private final String vi;
  private final String en;

  Kind(String field, String vi, String en) {
    this.field = field;
    this.vi = vi;
    this.en = en;
  }

  /** The name in paths and in error fields. */
  public String field() {
    return field;
  }

  public String vi() {
    return vi;
  }

  public String en() {
    return en;
  }

  public static Kind parse(String s) {
    for (Kind k : values()) {
      if (k.field.equals(s)) {
        return k;
      }
    }
    throw Refusal.notFound("dossier file '" + s + "' (report or declaration)");
  }
}
