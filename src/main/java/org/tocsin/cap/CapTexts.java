package org.tocsin.cap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What people read, in Ukrainian and English: the event, headline, description and instruction of
 * each kind of message. Exercises and tests say so at the start of the headline and of the
 * description, each block in its own language, so that they can never be taken for a real alert.
 */
final class CapTexts {

  static final String UKRAINIAN = "uk-UA";
  static final String ENGLISH = "en-US";

  private static final ZoneId KYIV = ZoneId.of("Europe/Kiev");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private CapTexts() {}

  /** What a message group says: shelter now, be ready, all clear, or cancelled. */
  enum Kind {
    SHELTER,
    PREPARE,
    ALL_CLEAR,
    CANCEL,
    CORRECTION
  }

  /** The texts of one info block. */
  record Text(String event, String headline, String description, String instruction) {}

  static Text text(
      Kind kind,
      String language,
      CapAlert.Status status,
      Optional<Instant> arrival,
      long secondsToArrival) {
    boolean uk = UKRAINIAN.equals(language);
    String event = uk ? "Ракетна небезпека" : "Ballistic missile threat";
    String headline;
    String description;
    String instruction;
    String when = arrival.map(a -> CLOCK.format(a.atZone(KYIV))).orElse("");
    long minutes = (secondsToArrival + 59) / 60;
    String inUk =
        secondsToArrival == 0
            ? "вже зараз"
            : minutes <= 1 ? "менш ніж за хвилину" : "приблизно за " + minutes + " хв";
    String inEn =
        secondsToArrival == 0
            ? "now"
            : minutes <= 1 ? "in less than a minute" : "in about " + minutes + " min";
    switch (kind) {
      case SHELTER -> {
        headline = uk ? "Ракетна небезпека: негайно в укриття" : "Missile threat: take shelter now";
        description =
            uk
                ? "Балістична ракета може впасти в цих районах або поблизу. Найраніше очікуване"
                    + " прибуття: "
                    + when
                    + " за київським часом ("
                    + inUk
                    + ")."
                : "A ballistic missile may come down in or near these areas. Earliest predicted"
                    + " arrival: "
                    + when
                    + " Kyiv time ("
                    + inEn
                    + ").";
        instruction =
            uk
                ? "Негайно пройдіть до найближчого укриття або у внутрішню кімнату без вікон і"
                    + " залишайтеся там до відбою. Тримайтеся подалі від вікон."
                : "Go to the nearest shelter or an inner room without windows now and stay there"
                    + " until the all-clear. Keep away from windows.";
      }
      case PREPARE -> {
        headline =
            uk
                ? "Ракетна небезпека: будьте готові пройти в укриття"
                : "Missile threat: be ready to take shelter";
        description =
            uk
                ? "Ці райони можуть бути під загрозою балістичної ракети. Найраніше очікуване"
                    + " прибуття: "
                    + when
                    + " за київським часом ("
                    + inUk
                    + ")."
                : "These areas may be at risk from a ballistic missile. Earliest predicted"
                    + " arrival: "
                    + when
                    + " Kyiv time ("
                    + inEn
                    + ").";
        instruction =
            uk
                ? "Будьте готові: знайте шлях до найближчого укриття або внутрішньої кімнати без"
                    + " вікон і негайно йдіть туди за командою або сигналом сирени. Залишайтеся"
                    + " там до відбою."
                : "Be ready: know the way to the nearest shelter or an inner room without"
                    + " windows, and go there at once when told to or when the sirens sound. Stay"
                    + " until the all-clear.";
      }
      case ALL_CLEAR -> {
        headline = uk ? "Відбій ракетної небезпеки" : "All clear: the missile threat has ended";
        description =
            uk
                ? "Загроза балістичної ракети для цих районів минула."
                : "The ballistic missile threat to these areas has ended.";
        instruction =
            uk
                ? "Можна залишити укриття. Не торкайтеся уламків і нерозірваних боєприпасів,"
                    + " повідомте про них за номером 101 або 102."
                : "You may leave the shelter. Do not touch debris or unexploded remains; report"
                    + " them on 101 or 102.";
      }
      case CANCEL -> {
        headline =
            uk
                ? "Скасовано: попередження про ракетну небезпеку відкликано"
                : "Cancelled: the missile warning is withdrawn";
        description =
            uk
                ? "Жоден район більше не під загрозою цієї ракети."
                : "No area is at risk from this missile any more.";
        instruction =
            uk
                ? "Якщо ви в укритті, можна його залишити."
                : "If you have taken shelter, you may leave it.";
      }
      case CORRECTION -> {
        headline =
            uk
                ? "Виправлення: тривогу оголошено помилково"
                : "Correction: the missile alert was issued in error";
        description =
            uk
                ? "Попереднє повідомлення про ракетну небезпеку для цих районів було надіслано"
                    + " помилково. Загрози немає."
                : "The earlier missile alert for these areas was sent in error. There is no"
                    + " missile threat.";
        instruction =
            uk
                ? "Можна залишити укриття і повернутися до звичайних справ."
                : "You may leave the shelter and go back to what you were doing.";
      }
      default -> throw new IllegalStateException("unknown kind " + kind);
    }
    return new Text(
        event,
        headlinePrefix(status, uk) + headline,
        descriptionPrefix(status, uk) + description,
        instruction);
  }

  /**
   * The texts of a warning group of a manual alert: its own words, with the same status marks as
   * every other message.
   */
  static Text manual(org.tocsin.alert.MessageText own, String language, CapAlert.Status status) {
    boolean uk = UKRAINIAN.equals(language);
    String event = uk ? "Ракетна небезпека" : "Ballistic missile threat";
    return new Text(
        event,
        headlinePrefix(status, uk) + (uk ? own.headlineUk() : own.headlineEn()),
        descriptionPrefix(status, uk) + (uk ? own.descriptionUk() : own.descriptionEn()),
        uk ? own.instructionUk() : own.instructionEn());
  }

  /**
   * The mark of an exercise or test at the start of every headline, in the block's own language:
   * each info block is read (and spoken by text-to-speech) by people of that language alone.
   */
  static String headlinePrefix(CapAlert.Status status, boolean uk) {
    return switch (status) {
      case EXERCISE -> uk ? "НАВЧАННЯ — " : "EXERCISE — ";
      case TEST -> uk ? "ТЕСТ — " : "TEST — ";
      default -> "";
    };
  }

  private static String descriptionPrefix(CapAlert.Status status, boolean uk) {
    return switch (status) {
      case EXERCISE -> uk ? "НАВЧАННЯ. Це не справжня тривога. " : "EXERCISE. Not a real alert. ";
      case TEST -> uk ? "ТЕСТ. Це не справжня тривога. " : "TEST. Not a real alert. ";
      default -> "";
    };
  }
}
