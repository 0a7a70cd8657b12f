package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tocsin.cap.CapFixtures.DNIPRO;
import static org.tocsin.cap.CapFixtures.HROMADAS;
import static org.tocsin.cap.CapFixtures.NEIGHBOUR;
import static org.tocsin.cap.CapFixtures.OBLASTS;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Envelope;
import org.tocsin.area.Area;
import org.tocsin.cap.CapAlert.MsgType;
import org.tocsin.cap.CapAlert.Status;
import org.tocsin.cap.CapInfo.Certainty;
import org.tocsin.cap.CapInfo.ResponseType;
import org.tocsin.cap.CapInfo.Severity;
import org.tocsin.cap.CapInfo.Urgency;
import org.tocsin.geo.GeoPoint;

class CapMessagesTest {

  private static List<CapAlert> all(Status status) {
    List<CapAlert> messages = new ArrayList<>(CapFixtures.dnipro(status));
    messages.addAll(CapFixtures.oblast(status));
    return messages;
  }

  /** Checks with a validator of its own, straight from the bundled XSD, not through CapWriter's. */
  private static void assertValidCap12(String xml) throws Exception {
    try (InputStream xsd = CapWriter.class.getResourceAsStream("CAP-v1.2.xsd")) {
      Validator validator =
          SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
              .newSchema(new StreamSource(xsd))
              .newValidator();
      validator.validate(new StreamSource(new StringReader(xml)));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"ACTUAL", "EXERCISE", "TEST"})
  void everyKindOfMessageValidatesAgainstTheCap12Schema(Status status) throws Exception {
    List<CapAlert> messages = all(status);

    assertThat(messages).hasSize(5);
    for (CapAlert message : messages) {
      String xml = CapWriter.toXml(message);
      assertValidCap12(xml);
      assertThat(xml)
          .contains("xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"")
          .contains("<status>" + status.capName() + "</status>")
          .doesNotContain("Z</")
          .doesNotContain("+00:00")
          .containsPattern("<sent>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-00:00</sent>");
    }
  }

  @Test
  void msgTypesFollowTheEventsAndEachMessageReferencesThePreviousOne() {
    List<CapAlert> dnipro = CapFixtures.dnipro(Status.ACTUAL);
    List<CapAlert> oblast = CapFixtures.oblast(Status.ACTUAL);

    assertThat(dnipro)
        .extracting(CapAlert::msgType)
        .containsExactly(MsgType.ALERT, MsgType.UPDATE, MsgType.UPDATE);
    assertThat(oblast).extracting(CapAlert::msgType).containsExactly(MsgType.ALERT, MsgType.CANCEL);
    assertThat(dnipro.get(0).references()).isEmpty();
    assertThat(dnipro.get(1).references()).containsExactly(dnipro.get(0).reference());
    assertThat(dnipro.get(2).references()).containsExactly(dnipro.get(1).reference());
    assertThat(oblast.get(1).references()).containsExactly(oblast.get(0).reference());
    assertThat(dnipro.get(1).references().get(0).identifier())
        .isEqualTo("urn:tocsin:tocsin@localhost:series01:T1-1");
    assertThat(CapWriter.toXml(dnipro.get(1)))
        .contains(
            "<references>tocsin@localhost,urn:tocsin:tocsin@localhost:series01:T1-1,"
                + "2024-11-21T02:01:00-00:00</references>");
  }

  @Test
  void identifiersAreStableForAnIssuerAndUniquePerEvent() {
    List<CapAlert> first = all(Status.ACTUAL);
    List<CapAlert> again = all(Status.ACTUAL);

    assertThat(first).extracting(CapAlert::identifier).doesNotHaveDuplicates();
    assertThat(again)
        .extracting(CapAlert::identifier)
        .isEqualTo(first.stream().map(CapAlert::identifier).toList());
    CapAlert fromElsewhere =
        new CapMessages(HROMADAS, new CapIssuer("alerts.example.org", "k3x9q2m7"), Status.ACTUAL)
            .message(CapFixtures.alertPrepare(), Optional.empty());
    assertThat(fromElsewhere.identifier()).isEqualTo("urn:tocsin:alerts.example.org:k3x9q2m7:T1-1");
    assertThat(fromElsewhere.sender()).isEqualTo("alerts.example.org");
  }

  @Test
  void twoIssuersOfTheSameSenderNeverShareAnIdentifier() {
    CapIssuer one = CapIssuer.fresh(CapIssuer.DEFAULT_SENDER);
    CapIssuer other = CapIssuer.fresh(CapIssuer.DEFAULT_SENDER);

    assertThat(one.series()).isNotEqualTo(other.series()).hasSize(16);
    assertThat(new CapMessages(HROMADAS, one, Status.ACTUAL).identifier("T1-1"))
        .isNotEqualTo(new CapMessages(HROMADAS, other, Status.ACTUAL).identifier("T1-1"));
  }

  @Test
  void aSenderWithSpacesCommasOrMarkupAndAMalformedSeriesAreRefused() {
    for (String sender : List.of("two words", "a,b", "a<b", "a&b", "", "a/b", "x".repeat(101))) {
      assertThatThrownBy(() -> CapIssuer.fresh(sender))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("sender must be 1 to 100 letters, digits")
          .hasMessageEndingWith("was '" + sender + "'");
    }
    assertThatThrownBy(() -> new CapIssuer("alerts.example.org", "short"))
        .hasMessage("series must be 8 to 32 lowercase letters and digits, was 'short'");
  }

  @Test
  void shelterAndPrepareAreasGetTheirOwnInfoBlocksInUkrainianAndEnglish() {
    CapAlert update = CapFixtures.dnipro(Status.ACTUAL).get(1);

    assertThat(update.infos())
        .extracting(CapInfo::language)
        .containsExactly("uk-UA", "en-US", "uk-UA", "en-US");
    CapInfo shelter = update.infos().get(1);
    assertThat(shelter.responseTypes()).containsExactly(ResponseType.SHELTER);
    assertThat(shelter.urgency()).isEqualTo(Urgency.IMMEDIATE);
    assertThat(shelter.severity()).isEqualTo(Severity.EXTREME);
    assertThat(shelter.certainty()).isEqualTo(Certainty.LIKELY);
    assertThat(shelter.categories()).containsExactly(CapInfo.Category.SAFETY);
    assertThat(shelter.areas())
        .extracting(a -> a.geocode("OCHA_PCODE").orElseThrow())
        .containsExactly(DNIPRO);
    assertThat(shelter.instruction().orElseThrow())
        .contains("nearest shelter or an inner room without windows")
        .contains("until the all-clear");
    CapInfo prepare = update.infos().get(3);
    assertThat(prepare.responseTypes()).containsExactly(ResponseType.PREPARE);
    assertThat(prepare.urgency()).isEqualTo(Urgency.EXPECTED);
    assertThat(prepare.severity()).isEqualTo(Severity.SEVERE);
    assertThat(prepare.areas())
        .extracting(a -> a.geocode("OCHA_PCODE").orElseThrow())
        .containsExactly(NEIGHBOUR);
    CapInfo shelterUk = update.infos().get(0);
    assertThat(shelterUk.areas().get(0).areaDesc()).isEqualTo("Дніпровська");
    assertThat(shelter.areas().get(0).areaDesc()).isEqualTo("Dniprovska");
    assertThat(shelterUk.instruction().orElseThrow()).contains("укриття").contains("до відбою");
  }

  @Test
  void onsetIsTheEarliestArrivalAndParametersGiveLevelThreatAndSecondsToArrival() {
    CapAlert update = CapFixtures.dnipro(Status.ACTUAL).get(1);
    CapInfo shelter = update.info("en-US").orElseThrow();

    assertThat(shelter.onset().orElseThrow().toInstant()).isEqualTo(CapFixtures.ARRIVAL);
    assertThat(shelter.expires().orElseThrow().toInstant())
        .isEqualTo(CapFixtures.ARRIVAL.plus(CapMessages.VALIDITY));
    assertThat(shelter.parameter("level")).contains("shelter");
    assertThat(shelter.parameter("threatId")).contains("T1");
    // The update is decided at 02:07:40.350, 409.65 s before the arrival at 02:14:30.
    assertThat(shelter.parameter("secondsToArrival")).contains("409");
  }

  @Test
  void descriptionsGiveTheArrivalInKyivTimeAndTheMinutesLeft() {
    CapAlert alert = CapFixtures.dnipro(Status.ACTUAL).get(0);

    // 02:14:30 UTC is 04:14:30 in Kyiv in November (UTC+2); 809 s after the alert: 14 min.
    assertThat(alert.info("en-US").orElseThrow().description().orElseThrow())
        .endsWith("Earliest predicted arrival: 04:14:30 Kyiv time (in about 14 min).");
    assertThat(alert.info("uk-UA").orElseThrow().description().orElseThrow())
        .endsWith(
            "Найраніше очікуване прибуття: 04:14:30 за київським часом (приблизно за 14 хв).");
  }

  @Test
  void theAllClearAndTheCancelSayThatTheDangerHasPassed() {
    CapAlert allClear = CapFixtures.dnipro(Status.ACTUAL).get(2);
    CapAlert cancel = CapFixtures.oblast(Status.ACTUAL).get(1);

    CapInfo clear = allClear.info("en-US").orElseThrow();
    assertThat(clear.responseTypes()).containsExactly(ResponseType.ALL_CLEAR);
    assertThat(clear.urgency()).isEqualTo(Urgency.PAST);
    assertThat(clear.certainty()).isEqualTo(Certainty.OBSERVED);
    assertThat(clear.parameter("level")).contains("all-clear");
    assertThat(clear.areas()).hasSize(1);
    assertThat(clear.areas().get(0).geocodes())
        .extracting(NamedValue::value)
        .containsExactly(DNIPRO, NEIGHBOUR);
    assertThat(allClear.infos()).hasSize(2);
    CapInfo cancelled = cancel.info("en-US").orElseThrow();
    assertThat(cancelled.responseTypes()).containsExactly(ResponseType.NONE);
    assertThat(cancelled.headline().orElseThrow()).startsWith("Cancelled");
    assertThat(cancelled.areas())
        .as("the cancel names the areas it releases")
        .extracting(a -> a.geocode("OCHA_PCODE").orElseThrow())
        .containsExactly("UA63");
  }

  @Test
  void exercisesAndTestsAreMarkedInEveryHeadlineInTheBlocksOwnLanguageAndRealAlertsAreNot() {
    for (CapAlert message : all(Status.EXERCISE)) {
      assertThat(message.status()).isEqualTo(Status.EXERCISE);
      assertThat(message.infos())
          .allSatisfy(
              info -> {
                boolean uk = info.language().equals("uk-UA");
                assertThat(info.headline().orElseThrow())
                    .startsWith(uk ? "НАВЧАННЯ — " : "EXERCISE — ");
                assertThat(info.description().orElseThrow())
                    .startsWith(uk ? "НАВЧАННЯ." : "EXERCISE.");
              });
    }
    for (CapAlert message : all(Status.TEST)) {
      assertThat(message.infos())
          .allSatisfy(
              info ->
                  assertThat(info.headline().orElseThrow())
                      .startsWith(info.language().equals("uk-UA") ? "ТЕСТ — " : "TEST — "));
    }
    for (CapAlert message : all(Status.ACTUAL)) {
      assertThat(message.infos())
          .allSatisfy(
              info ->
                  assertThat(info.headline().orElseThrow())
                      .doesNotContain("EXERCISE")
                      .doesNotContain("TEST"));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"ACTUAL", "EXERCISE", "TEST"})
  void englishBlocksCarryNoUkrainianText(Status status) {
    for (CapAlert message : all(status)) {
      CapInfo english = message.info("en-US").orElseThrow();
      for (String text :
          List.of(
              english.event(),
              english.headline().orElseThrow(),
              english.description().orElseThrow(),
              english.instruction().orElseThrow())) {
        assertThat(text).as(message.identifier()).doesNotContainPattern("\\p{IsCyrillic}");
      }
    }
  }

  @Test
  void polygonsAreInLatLonOrderClosedSmallAndWithinTheAreasEnvelope() {
    for (CapAlert message : all(Status.ACTUAL)) {
      for (CapInfo info : message.infos()) {
        for (CapArea capArea : info.areas()) {
          Envelope envelope = new Envelope();
          for (NamedValue code : capArea.geocodes()) {
            if (code.valueName().equals("OCHA_PCODE")) {
              String id = code.value();
              Area area = (id.length() == 4 ? OBLASTS : HROMADAS).byId(id).orElseThrow();
              envelope.expandToInclude(area.geometry().getEnvelopeInternal());
            }
          }
          // The polygons may reach a little beyond the areas (they never cut into them).
          envelope.expandBy(0.05);
          String id = capArea.geocode("OCHA_PCODE").orElseThrow();
          assertThat(capArea.polygons()).isNotEmpty();
          for (CapPolygon polygon : capArea.polygons()) {
            List<GeoPoint> points = polygon.points();
            assertThat(points.size()).isBetween(4, CapMessages.MAX_POLYGON_POINTS);
            assertThat(points.get(0)).isEqualTo(points.get(points.size() - 1));
            for (GeoPoint p : points) {
              // Ukraine: latitude 44-53 N, longitude 22-41 E, so swapped pairs would fall outside.
              assertThat(envelope.contains(p.longitudeDeg(), p.latitudeDeg()))
                  .as("%s in %s", p, id)
                  .isTrue();
            }
            String first = polygon.toCap().split(" ")[0];
            assertThat(Double.parseDouble(first.split(",")[0]))
                .isCloseTo(points.get(0).latitudeDeg(), within(0.0));
          }
        }
      }
    }
  }

  @Test
  void aLargeOutlineIsSimplifiedToTheLimitButASmallOneKeepsEveryPoint() {
    Area kharkiv = OBLASTS.byId("UA63").orElseThrow();
    assertThat(kharkiv.geometry().getNumPoints()).isGreaterThan(CapMessages.MAX_POLYGON_POINTS);

    List<CapPolygon> simplified =
        CapPolygons.covering(kharkiv.geometry(), CapMessages.MAX_POLYGON_POINTS);
    assertThat(simplified).hasSize(1);
    assertThat(simplified.get(0).points().size())
        .as("simplified no more than needed")
        .isBetween(CapMessages.MAX_POLYGON_POINTS * 2 / 3, CapMessages.MAX_POLYGON_POINTS);

    Area small =
        HROMADAS.areas().stream()
            .filter(a -> a.geometry().getNumGeometries() == 1 && a.geometry().getNumPoints() < 60)
            .findFirst()
            .orElseThrow();
    assertThat(
            CapPolygons.covering(small.geometry(), CapMessages.MAX_POLYGON_POINTS).get(0).points())
        .hasSize(small.geometry().getNumPoints());
  }

  @Test
  void anEventThatReferencesAMessageNotGivenIsRefused() {
    CapMessages messages = new CapMessages(HROMADAS, CapFixtures.ISSUER, Status.ACTUAL);

    assertThatThrownBy(
            () -> messages.message(CapFixtures.updateShelterAndPrepare(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "event T1-2 references urn:tocsin:tocsin@localhost:series01:T1-1, but the previous message"
                + " given was none");
  }

  @Test
  void anAreaOutsideTheSetAndAStatusOtherThanActualExerciseOrTestAreRefused() {
    assertThatThrownBy(
            () ->
                new CapMessages(OBLASTS, CapFixtures.ISSUER, Status.ACTUAL)
                    .message(CapFixtures.alertPrepare(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("area UA1202001 is not in the area set ua-oblasts");
    assertThatThrownBy(() -> new CapMessages(OBLASTS, CapFixtures.ISSUER, Status.DRAFT))
        .hasMessage("status must be Actual, Exercise or Test, was Draft");
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"ACTUAL", "EXERCISE", "TEST"})
  void aCorrectionIsAValidUpdateThatSaysTheAlertWasIssuedInError(Status status) throws Exception {
    CapMessages messages = new CapMessages(HROMADAS, CapFixtures.ISSUER, status);
    CapAlert alert = messages.message(CapFixtures.alertPrepare(), Optional.empty());
    org.tocsin.alert.AlertEvent correction =
        new org.tocsin.alert.AlertEvent(
            "T1-2",
            CapFixtures.T0.plusSeconds(60),
            "T1",
            org.tocsin.alert.MessageType.CORRECTION,
            CapFixtures.alertPrepare().areas(),
            "issued in error",
            Optional.of("T1-1"));

    CapAlert message = messages.message(correction, Optional.of(alert));

    assertValidCap12(CapWriter.toXml(message));
    assertThat(message.msgType()).isEqualTo(MsgType.UPDATE);
    assertThat(message.status()).isEqualTo(status);
    assertThat(message.references()).containsExactly(alert.reference());
    CapInfo english = message.info("en-US").orElseThrow();
    assertThat(english.headline().orElseThrow())
        .endsWith("Correction: the missile alert was issued in error");
    assertThat(english.responseTypes()).containsExactly(ResponseType.ALL_CLEAR);
    assertThat(english.urgency()).isEqualTo(Urgency.PAST);
    assertThat(english.areas()).hasSize(1);
  }

  @Test
  void aManualAlertCarriesItsOwnWordsAndTheExerciseMarkItCannotLeaveOut() throws Exception {
    org.tocsin.alert.MessageText own =
        new org.tocsin.alert.MessageText(
            "Тривога", "Alert drill", "Опис", "Description", "Інструкція", "Instruction");
    CapMessages messages = new CapMessages(HROMADAS, CapFixtures.ISSUER, Status.EXERCISE);

    CapAlert message =
        messages.message(CapFixtures.alertPrepare(), Optional.empty(), Optional.of(own));

    assertValidCap12(CapWriter.toXml(message));
    CapInfo english = message.info("en-US").orElseThrow();
    assertThat(english.headline()).contains("EXERCISE — Alert drill");
    assertThat(english.description()).contains("EXERCISE. Not a real alert. Description");
    assertThat(english.instruction()).contains("Instruction");
    assertThat(message.info("uk-UA").orElseThrow().headline()).contains("НАВЧАННЯ — Тривога");
  }
}
