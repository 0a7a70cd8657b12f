package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tocsin.geo.GeoPoint;

class CapRoundTripTest {

  /**
   * Text that people write, XML's special characters included; without surrounding white space,
   * which the reader trims.
   */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withChars("abcxyzАБВїєґ &<>\"'—;:!?\n")
        .ofMinLength(1)
        .ofMaxLength(40)
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.strings().withChars("abc019.:@-_/").ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<Integer> offsetsMinutes() {
    return Arbitraries.integers().between(-12 * 4, 14 * 4).map(quarter -> quarter * 15);
  }

  @Property(tries = 200)
  void anyMessageWrittenReadsBackAsTheSameRecord(
      @ForAll("tokens") String identifier,
      @ForAll("tokens") String sender,
      @ForAll("texts") String headline,
      @ForAll("texts") String description,
      @ForAll("texts") String areaDesc,
      @ForAll("texts") String parameter,
      @ForAll("offsetsMinutes") int offsetMinutes,
      @ForAll CapAlert.Status status,
      @ForAll CapAlert.MsgType msgType,
      @ForAll CapInfo.Urgency urgency) {
    OffsetDateTime sent =
        OffsetDateTime.of(2024, 11, 21, 2, 1, 0, 0, ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    CapPolygon square =
        new CapPolygon(
            List.of(
                GeoPoint.of(48.1, 35.1),
                GeoPoint.of(48.1, 35.2),
                GeoPoint.of(48.2, 35.2),
                GeoPoint.of(48.1, 35.1)));
    CapInfo info =
        new CapInfo(
            "uk-UA",
            List.of(CapInfo.Category.SAFETY),
            headline,
            List.of(CapInfo.ResponseType.SHELTER),
            urgency,
            CapInfo.Severity.EXTREME,
            CapInfo.Certainty.LIKELY,
            Optional.of(sent.plusMinutes(13)),
            Optional.empty(),
            Optional.empty(),
            Optional.of(headline),
            Optional.of(description),
            Optional.empty(),
            List.of(new NamedValue("note", parameter)),
            List.of(
                new CapArea(areaDesc, List.of(square), List.of(new NamedValue("X", parameter)))));
    CapAlert alert =
        new CapAlert(
            identifier,
            sender,
            sent,
            status,
            msgType,
            CapAlert.Scope.PUBLIC,
            List.of(new CapAlert.Reference(sender, identifier + "0", sent.minusMinutes(1))),
            List.of(info));

    String xml = CapWriter.toXml(alert);

    assertThat(CapReader.read(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(alert);
  }
}
