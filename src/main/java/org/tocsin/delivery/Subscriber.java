package org.tocsin.delivery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;

/**
 * What a subscriber of any channel follows: some areas of the server's set, or a whole named set,
 * from a level up.
 *
 * @param id the subscriber, unique within its channel
 * @param areaIds the areas followed; empty when a whole set is
 * @param areaSet the set followed whole, if any
 * @param minLevel the lowest level it wants: {@code prepare} for both, {@code shelter} for shelter
 *     only
 */
public record Subscriber(
    String id, Set<String> areaIds, Optional<String> areaSet, AlertLevel minLevel) {

  public Subscriber {
    Objects.requireNonNull(id, "id");
    areaIds = Set.copyOf(areaIds);
    Objects.requireNonNull(areaSet, "areaSet");
    Objects.requireNonNull(minLevel, "minLevel");
    if (areaIds.isEmpty() == areaSet.isEmpty()) {
      throw new IllegalArgumentException(
          "subscriber " + id + " must follow either areas or a whole set, not both nor neither");
    }
  }

  /**
   * The warnings of a message that concern this subscriber: in an area it follows, at its level or
   * above.
   *
   * @param serverSet the id of the set the message's areas belong to
   */
  public List<AreaWarning> concerned(List<AreaWarning> warnings, String serverSet) {
    boolean wholeSet = areaSet.filter(serverSet::equals).isPresent();
    return warnings.stream()
        .filter(w -> wholeSet || areaIds.contains(w.areaId()))
        .filter(w -> w.level().compareTo(minLevel) >= 0)
        .toList();
  }
}
