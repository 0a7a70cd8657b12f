package org.tocsin.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tocsin.track.Observation;

/**
 * The reports taken in lately, so that a repeat is dropped: a sensor that retries a batch after an
 * error, or posts the same launch report twice, must not open a second threat. Two reports are the
 * same when every field is equal (sensor, time, measurement); reports from two sensors never are.
 * Bounded: the oldest are forgotten first, and the report window refuses them by then.
 */
final class RecentReports {

  /** About a minute of a large salvo's plots from every radar; a few megabytes. */
  static final int CAPACITY = 50_000;

  private final Set<Observation> seen = new LinkedHashSet<>();

  /** The reports of {@code batch} not taken in lately, in order, each once. */
  List<Observation> unseen(List<Observation> batch) {
    Set<Observation> inBatch = new HashSet<>();
    List<Observation> fresh = new ArrayList<>();
    for (Observation report : batch) {
      if (!seen.contains(report) && inBatch.add(report)) {
        fresh.add(report);
      }
    }
    return fresh;
  }

  void remember(List<Observation> reports) {
    seen.addAll(reports);
    Iterator<Observation> oldest = seen.iterator();
    for (int excess = seen.size() - CAPACITY; excess > 0; excess--) {
      oldest.next();
      oldest.remove();
    }
  }

  void clear() {
    seen.clear();
  }
}
