package org.tocsin.alert;

import java.util.Objects;

/**
 * A prepared text for a manual alert, for one status only.
 *
 * @param id unique across all statuses; starts with the status ({@code exercise-shelter})
 * @param status the only status a draft using it may have
 * @param level the level it is written for
 * @param title what operators see in the list
 * @param text what people read
 */
public record ManualTemplate(
    String id, AlertStatus status, AlertLevel level, String title, MessageText text) {

  public ManualTemplate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    if (!id.startsWith(status.capName().toLowerCase(java.util.Locale.ROOT) + "-")) {
      throw new IllegalArgumentException(
          "template id must start with its status, was '" + id + "' for " + status.capName());
    }
  }
}
