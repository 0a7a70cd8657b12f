package org.tocsin.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.track.LaunchDetection;
import org.tocsin.track.RadarMeasurement;
import org.tocsin.track.RadarPlot;

/** Reports and alert events with awkward values: fractions that decimal cannot write exactly. */
final class TestRecords {

  static final Instant LAUNCH = Instant.parse("2024-11-21T02:00:00.123456789Z");

  private TestRecords() {}

  static LaunchDetection launch() {
    return new LaunchDetection(
        "sbirs-1",
        LAUNCH.plusSeconds(40),
        new GeoPoint(46.3 + 1e-9, 48.05 / 3, 12.5),
        LAUNCH,
        287.1 / 7,
        2_500.0,
        1.0 / 3,
        ThreatClass.IRBM);
  }

  static RadarPlot plot(int index) {
    return new RadarPlot(
        "radar-kharkiv",
        LAUNCH.plus(Duration.ofMillis(180_000 + 250L * index)),
        GeoPoint.of(49.99, 36.23),
        new RadarMeasurement(812_345.678 + index / 3.0, 2 * Math.PI / 3, Math.PI / 7),
        150.0,
        1e-3 / 3,
        Math.ulp(1.0) * 1e6);
  }

  static AlertEvent alert(String threatId, int number, MessageType type) {
    List<AreaWarning> areas =
        type == MessageType.CANCEL
            ? List.of()
            : List.of(
                new AreaWarning("UA1202001", AlertLevel.SHELTER, 0.8 / 3, LAUNCH.plusSeconds(660)),
                new AreaWarning(
                    "UA1204003", AlertLevel.PREPARE, 1e-7, LAUNCH.plusNanos(700_000_000_001L)));
    return new AlertEvent(
        threatId + "-" + number,
        LAUNCH.plusSeconds(60 + number),
        threatId,
        type,
        areas,
        "footprint over Дніпро; «quotes» \"and\" new\nline",
        number == 1 ? Optional.empty() : Optional.of(threatId + "-" + (number - 1)));
  }
}
