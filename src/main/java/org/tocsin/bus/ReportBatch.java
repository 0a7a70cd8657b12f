package org.tocsin.bus;

import java.util.List;
import org.tocsin.ingest.ReportJson;
import org.tocsin.track.Observation;

/**
 * A batch of sensor reports as the report log holds it: the JSON a sensor posted ({@code
 * {"reports": [...]}}, see {@link ReportJson}) and the reports read from it. Made only by reading
 * the JSON, so the two always agree.
 *
 * <p>The log keeps the JSON, not a re-encoding of the reports, so that every node reads back
 * exactly the reports that the receiving node validated: degrees written from radians and read
 * again may differ in the last bit (an elevation of -4.99718° comes back -4.997180000000001°), so
 * the engine's nodes could disagree, and a value next to a bound could step over it and be refused
 * on the way back.
 */
public final class ReportBatch {

  private final String json;
  private final List<Observation> reports;

  private ReportBatch(String json, List<Observation> reports) {
    this.json = json;
    this.reports = List.copyOf(reports);
  }

  /**
   * Reads and validates a posted batch.
   *
   * @throws org.tocsin.ingest.InvalidReportException listing every problem
   */
  public static ReportBatch parse(String json) {
    return new ReportBatch(json, ReportJson.read(json));
  }

  /** A batch of reports made here (a simulator's, a test's): its JSON, then read back. */
  public static ReportBatch of(List<Observation> reports) {
    return parse(ReportJson.write(reports));
  }

  /** The batch's JSON, as posted. */
  public String json() {
    return json;
  }

  /** The reports read from the JSON, in its order. */
  public List<Observation> reports() {
    return reports;
  }

  /** Batches are equal when their JSON is: the reports follow from it. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ReportBatch batch && batch.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return "ReportBatch" + reports;
  }
}
