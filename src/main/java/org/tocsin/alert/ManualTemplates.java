package org.tocsin.alert;

import java.util.List;
import java.util.Optional;

/**
 * The prepared texts of manual alerts, kept apart by status: an Actual alert can only be drafted
 * from Actual templates, a drill only from Exercise ones, a test only from Test ones. In Hawaii in
 * 2018 the drill and the live alert sat side by side in one menu; here no list holds both.
 */
public final class ManualTemplates {

  private static final List<ManualTemplate> ALL =
      List.of(
          new ManualTemplate(
              "actual-shelter",
              AlertStatus.ACTUAL,
              AlertLevel.SHELTER,
              "Missile threat: take shelter now",
              new MessageText(
                  "Ракетна небезпека: негайно в укриття",
                  "Missile threat: take shelter now",
                  "Загроза балістичної ракети для цих районів.",
                  "A ballistic missile threatens these areas.",
                  "Негайно пройдіть до найближчого укриття або у внутрішню кімнату без вікон і"
                      + " залишайтеся там до відбою.",
                  "Go to the nearest shelter or an inner room without windows now and stay there"
                      + " until the all-clear.")),
          new ManualTemplate(
              "actual-prepare",
              AlertStatus.ACTUAL,
              AlertLevel.PREPARE,
              "Missile threat: be ready to take shelter",
              new MessageText(
                  "Ракетна небезпека: будьте готові пройти в укриття",
                  "Missile threat: be ready to take shelter",
                  "Ці райони можуть бути під загрозою балістичної ракети.",
                  "These areas may be at risk from a ballistic missile.",
                  "Знайте шлях до найближчого укриття і йдіть туди за сигналом сирени.",
                  "Know the way to the nearest shelter and go there when the sirens sound.")),
          new ManualTemplate(
              "exercise-shelter",
              AlertStatus.EXERCISE,
              AlertLevel.SHELTER,
              "Drill: take shelter as practised",
              new MessageText(
                  "Навчання: пройдіть в укриття, як тренувалися",
                  "Drill: take shelter as practised",
                  "Навчальна тривога для учасників навчань у цих районах. Загрози немає.",
                  "A practice alert for the participants of the drill in these areas. There is"
                      + " no threat.",
                  "Учасники навчань: пройдіть до укриття за планом навчань.",
                  "Drill participants: go to shelter as the drill plan says.")),
          new ManualTemplate(
              "exercise-prepare",
              AlertStatus.EXERCISE,
              AlertLevel.PREPARE,
              "Drill: be ready to take shelter",
              new MessageText(
                  "Навчання: будьте готові пройти в укриття",
                  "Drill: be ready to take shelter",
                  "Навчальне попередження для учасників навчань. Загрози немає.",
                  "A practice warning for the participants of the drill. There is no threat.",
                  "Учасники навчань: підготуйтеся за планом навчань.",
                  "Drill participants: get ready as the drill plan says.")),
          new ManualTemplate(
              "test-shelter",
              AlertStatus.TEST,
              AlertLevel.SHELTER,
              "Technical test of the alert channels",
              new MessageText(
                  "Тест каналів оповіщення",
                  "Test of the alert channels",
                  "Технічна перевірка системи оповіщення. Загрози немає.",
                  "A technical check of the warning system. There is no threat.",
                  "Нічого робити не потрібно.",
                  "No action is needed.")));

  private ManualTemplates() {}

  /** The templates of one status, and only those. */
  public static List<ManualTemplate> forStatus(AlertStatus status) {
    return ALL.stream().filter(template -> template.status() == status).toList();
  }

  /** Every template, of every status. */
  public static List<ManualTemplate> all() {
    return ALL;
  }

  /**
   * The template {@code id} for a draft of {@code status}.
   *
   * @throws IllegalArgumentException when there is no such template, or it belongs to another
   *     status, naming the templates the status has
   */
  public static ManualTemplate forDraft(String id, AlertStatus status) {
    Optional<ManualTemplate> template = ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    String allowed = String.join(", ", forStatus(status).stream().map(ManualTemplate::id).toList());
    if (template.isEmpty()) {
      throw new IllegalArgumentException(
          "template: must be one of " + allowed + ", was '" + id + "'");
    }
    if (template.get().status() != status) {
      throw new IllegalArgumentException(
          "template: '"
              + id
              + "' is a "
              + template.get().status().capName()
              + " template; a "
              + status.capName()
              + " draft takes only "
              + allowed);
    }
    return template.get();
  }
}
