package org.tocsin.cap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.alert.MessageType;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;

/**
 * Representative alert events on the bundled hromadas and oblasts: a threat to Dnipro that is
 * warned (prepare), escalated (shelter and prepare) and stood down (all-clear), and one that is
 * cancelled.
 */
final class CapFixtures {

  static final AreaSet HROMADAS = AreaSets.bundled("ua-hromadas");
  static final AreaSet OBLASTS = AreaSets.bundled("ua-oblasts");

  /** Dnipro city hromada and a neighbour, in Dnipropetrovsk oblast (UA12). */
  static final String DNIPRO = "UA1202001";

  static final String NEIGHBOUR = "UA1202011";

  /** A fixed issuer, so that the fixtures' identifiers are known. */
  static final CapIssuer ISSUER = new CapIssuer(CapIssuer.DEFAULT_SENDER, "series01");

  static final Instant T0 = Instant.parse("2024-11-21T02:01:00.350Z");
  static final Instant ARRIVAL = Instant.parse("2024-11-21T02:14:30Z");

  private CapFixtures() {}

  static AlertEvent alertPrepare() {
    return new AlertEvent(
        "T1-1",
        T0,
        "T1",
        MessageType.ALERT,
        List.of(new AreaWarning(DNIPRO, AlertLevel.PREPARE, 0.2, ARRIVAL)),
        "first footprint",
        Optional.empty());
  }

  static AlertEvent updateShelterAndPrepare() {
    return new AlertEvent(
        "T1-2",
        T0.plusSeconds(400),
        "T1",
        MessageType.UPDATE,
        List.of(
            new AreaWarning(DNIPRO, AlertLevel.SHELTER, 0.9, ARRIVAL),
            new AreaWarning(NEIGHBOUR, AlertLevel.PREPARE, 0.05, ARRIVAL.plusSeconds(5))),
        "shelter deadline reached",
        Optional.of("T1-1"));
  }

  static AlertEvent allClear() {
    return new AlertEvent(
        "T1-3",
        ARRIVAL.plusSeconds(130),
        "T1",
        MessageType.ALL_CLEAR,
        List.of(
            new AreaWarning(DNIPRO, AlertLevel.SHELTER, 0.9, ARRIVAL),
            new AreaWarning(NEIGHBOUR, AlertLevel.PREPARE, 0.05, ARRIVAL.plusSeconds(5))),
        "all clear: the threat has come down",
        Optional.of("T1-2"));
  }

  static AlertEvent alertOnOblast() {
    return new AlertEvent(
        "T2-1",
        T0,
        "T2",
        MessageType.ALERT,
        List.of(new AreaWarning("UA63", AlertLevel.SHELTER, 0.5, ARRIVAL)),
        "first footprint",
        Optional.empty());
  }

  static AlertEvent cancelOnOblast() {
    return new AlertEvent(
        "T2-2",
        T0.plusSeconds(60),
        "T2",
        MessageType.CANCEL,
        List.of(),
        "no area is at risk any more",
        Optional.of("T2-1"));
  }

  /** The Dnipro threat's messages: Alert, Update, Update (all-clear). */
  static List<CapAlert> dnipro(CapAlert.Status status) {
    return new CapMessages(HROMADAS, ISSUER, status)
        .messages(List.of(alertPrepare(), updateShelterAndPrepare(), allClear()));
  }

  /** The oblast threat's messages: Alert, Cancel. */
  static List<CapAlert> oblast(CapAlert.Status status) {
    return new CapMessages(OBLASTS, ISSUER, status)
        .messages(List.of(alertOnOblast(), cancelOnOblast()));
  }

  static byte[] sample(String name) {
    try (InputStream in = CapFixtures.class.getResourceAsStream("/cap/samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
