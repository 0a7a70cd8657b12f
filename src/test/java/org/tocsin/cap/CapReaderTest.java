package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.tocsin.cap.CapAlert.Status;

class CapReaderTest {

  @ParameterizedTest
  @CsvSource({
    "australia.cap, V1_2",
    "canada.cap, V1_2",
    "earthquake.cap, V1_1",
    "no_optional_fields.cap, V1_1",
    "weather.cap, V1_1"
  })
  void everyValidSampleIsReadInItsVersion(String name, CapVersion version) {
    byte[] xml = CapFixtures.sample(name);

    assertThat(CapReader.validate(xml)).isEqualTo(version);
    CapAlert alert = CapReader.read(xml);
    assertThat(alert.identifier()).isNotBlank();
    assertThat(alert.status()).isEqualTo(Status.ACTUAL);
  }

  @Test
  void aSampleIsReadIntoTheRecordFaithfully() {
    CapAlert canada = CapReader.read(CapFixtures.sample("canada.cap"));

    assertThat(canada.identifier()).isEqualTo("2.49.0.1.124.6bddbc91.2012");
    assertThat(canada.msgType()).isEqualTo(CapAlert.MsgType.UPDATE);
    assertThat(canada.references()).hasSize(2);
    assertThat(canada.references().get(0).identifier()).isEqualTo("2.49.0.1.124.a3f342a4.2012");
    CapInfo english = canada.info("en-CA").orElseThrow();
    assertThat(english.responseTypes()).containsExactly(CapInfo.ResponseType.ALL_CLEAR);
    assertThat(english.urgency()).isEqualTo(CapInfo.Urgency.PAST);
    assertThat(english.areas().get(0).polygons().get(0).points().get(0).latitudeDeg())
        .isEqualTo(42.3481);
    assertThat(canada.info("fr-CA")).isPresent();
  }

  @Test
  void theInvalidSampleIsRefusedNamingTheElementAndTheMissingScope() {
    assertThatThrownBy(() -> CapReader.read(CapFixtures.sample("invalid.cap")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 9: element 'info': not allowed here; expected one of source, scope");
  }

  @Test
  void aValueOutsideTheEnumerationIsRefusedNamingTheElementAndTheAllowedValues() {
    String xml =
        CapWriter.toXml(CapFixtures.dnipro(Status.ACTUAL).get(0))
            .replaceFirst("<urgency>Expected</urgency>", "<urgency>Soon</urgency>");
    int line = (int) xml.substring(0, xml.indexOf("Soon")).lines().count();

    assertThatThrownBy(() -> CapReader.read(xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "line "
                + line
                + ": element 'urgency': value 'Soon' is not one of Immediate, Expected, Future,"
                + " Past, Unknown");
  }

  @Test
  void aTimeWithoutAnExplicitOffsetIsRefusedInCap12() {
    String xml =
        CapWriter.toXml(CapFixtures.dnipro(Status.ACTUAL).get(0))
            .replace("<sent>2024-11-21T02:01:00-00:00</sent>", "<sent>2024-11-21T02:01:00Z</sent>");

    assertThatThrownBy(() -> CapReader.read(xml.getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("line 1: element 'sent': value '2024-11-21T02:01:00Z' does not");
  }

  @Test
  void utcIsReadWhetherWrittenMinusOrPlusZero() {
    CapAlert message = CapFixtures.dnipro(Status.ACTUAL).get(1);
    String xml = CapWriter.toXml(message);
    assertThat(xml).contains("<sent>2024-11-21T02:07:40-00:00</sent>");

    CapAlert plus =
        CapReader.read(xml.replace("-00:00<", "+00:00<").getBytes(StandardCharsets.UTF_8));

    assertThat(plus).isEqualTo(message);
    assertThat(plus.sent().getOffset()).isEqualTo(java.time.ZoneOffset.UTC);
  }

  @ParameterizedTest
  @EnumSource(
      value = Status.class,
      names = {"ACTUAL", "EXERCISE", "TEST"})
  void writingAndReadingGivesBackTheSameRecord(Status status) {
    for (CapAlert message : CapFixtures.dnipro(status)) {
      assertThat(CapReader.read(CapWriter.toXml(message).getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(message);
    }
    for (CapAlert message : CapFixtures.oblast(status)) {
      assertThat(CapReader.read(CapWriter.toXml(message).getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(message);
    }
  }

  @Test
  void aDoctypeWithAnExternalEntityIsRefusedWithoutFetchingIt() {
    String xxe =
        "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&xxe;</identifier>"
            + "</alert>";

    assertThatThrownBy(() -> CapReader.read(xxe.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 2: a DOCTYPE is not allowed (no DTDs or entities in CAP)");
  }

  @Test
  void anEntityExpansionBombIsRefused() {
    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">&lol2;</alert>";

    assertThatThrownBy(() -> CapReader.read(bomb.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("DOCTYPE is not allowed");
  }

  @Test
  void anOversizedDocumentIsRefusedUnparsed() {
    String valid = CapWriter.toXml(CapFixtures.dnipro(Status.ACTUAL).get(0));
    String padded =
        valid.replace("</alert>", "<!--" + "x".repeat(CapReader.MAX_BYTES) + "--></alert>");

    assertThatThrownBy(() -> CapReader.read(padded.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a CAP document must be at most 1048576 bytes, was more");
    assertThatThrownBy(
            () ->
                CapReader.read(
                    new java.io.ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("at most 1048576 bytes");
  }

  @Test
  void aDocumentThatIsNotCapOrNotXmlIsRefused() {
    assertThatThrownBy(() -> CapReader.read("<alert/>".getBytes(StandardCharsets.UTF_8)))
        .hasMessage(
            "element 'alert': the root must be a CAP 1.1 or 1.2 alert, was namespace 'null'");
    assertThatThrownBy(() -> CapReader.read("<alert".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("line 1: ");
  }
}
