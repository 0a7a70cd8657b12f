package org.tocsin.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the area ids a subscriber follows, as given from outside. */
public final class AreaIds {

  /** The most areas one subscriber may follow. */
  public static final int MAX_AREAS = 1_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  private AreaIds() {}

  /**
   * The ids, distinct, in the order given.
   *
   * @param field the input field, for the message
   * @throws IllegalArgumentException naming the field when there are none, too many, or one is
   *     malformed
   */
  public static List<String> checked(String field, List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw new IllegalArgumentException(field + ": must name at least one area");
    }
    if (ids.size() > MAX_AREAS) {
      throw new IllegalArgumentException(
          field + ": must name at most " + MAX_AREAS + " areas, was " + ids.size());
    }
    var distinct = new LinkedHashSet<String>();
    for (String id : ids) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            field
                + ": an area id must be 1 to 100 letters, digits, '.', '_', ':' or '-', starting"
                + " with a letter or digit, was '"
                + id
                + "'");
      }
      distinct.add(id);
    }
    return new ArrayList<>(distinct);
  }
}
