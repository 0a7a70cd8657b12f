package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.Generate.range;
import static org.tocsin.PropertyChecks.anyOf;
import static org.tocsin.PropertyChecks.strings;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.tocsin.PropertyChecks;
import org.tocsin.geo.GeoPoint;

class CapRoundTripTest {

  /**
   * Text that people write, XML's special characters included; without surrounding white space,
   * which the reader trims.
   */
  private static final Gen<String> TEXTS =
      strings("abcxyzАБВїєґ &<>\"'—;:!?\n", 1, 40).map(String::strip).assuming(s -> !s.isEmpty());

  private static final Gen<String> TOKENS = strings("abc019.:@-_/", 1, 20);

  /** UTC offsets from -12:00 to +14:00 in quarter hours. */
  private static final Gen<Integer> OFFSETS_MINUTES = range(-12 * 4, 14 * 4).map(q -> q * 15);

  private static final Gen<Drawn> MESSAGES =
      in ->
          new Drawn(
              TOKENS.generate(in),
              TOKENS.generate(in),
              TEXTS.generate(in),
              TEXTS.generate(in),
              TEXTS.generate(in),
              TEXTS.generate(in),
              OFFSETS_MINUTES.generate(in),
              anyOf(CapAlert.Status.class).generate(in),
              anyOf(CapAlert.MsgType.class).generate(in),
              anyOf(CapInfo.Urgency.class).generate(in));

  @Test
  void anyMessageWrittenReadsBackAsTheSameRecord() {
    PropertyChecks.forAll(
        200,
        MESSAGES,
        drawn -> {
          CapAlert alert = drawn.alert();

          String xml = CapWriter.toXml(alert);

          assertThat(CapReader.read(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(alert);
        });
  }

  /** The drawn parts of a message; the rest is fixed. */
  private record Drawn(
      String identifier,
      String sender,
      String headline,
      String description,
      String areaDesc,
      String parameter,
      int offsetMinutes,
      CapAlert.Status status,
      CapAlert.MsgType msgType,
      CapInfo.Urgency urgency) {

    CapAlert alert() {
      OffsetDateTime sent =
          OffsetDateTime.of(
              2024, 11, 21, 2, 1, 0, 0, ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
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
      return new CapAlert(
          identifier,
          sender,
          sent,
          status,
          msgType,
          CapAlert.Scope.PUBLIC,
          List.of(new CapAlert.Reference(sender, identifier + "0", sent.minusMinutes(1))),
          List.of(info));
    }
  }
}
