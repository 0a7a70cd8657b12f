package org.tocsin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code --key} values of {@code tocsin replay}: each sensor of the scenario posts with its own
 * key, as on a real server, where a key opens its own sensor's reports only. Keys are secrets: no
 * message repeats one.
 */
final class ReplayKeys {

  /** What a header value may hold: printable ASCII without spaces. */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]+");

  private ReplayKeys() {}

  /**
   * Each sensor's key, from {@code SENSOR=KEY} values, or a bare {@code KEY} for a scenario of one
   * sensor; empty after adding every problem to {@code problems}.
   *
   * @param sensors the scenario's sensor ids, in its order
   */
  static Map<String, String> bySensor(
      List<String> given, List<String> sensors, List<String> problems) {
    Map<String, String> keys = new LinkedHashMap<>();
    int before = problems.size();
    for (String value : given) {
      int equals = value.indexOf('=');
      String sensor = equals < 0 ? null : value.substring(0, equals).trim();
      String key = (equals < 0 ? value : value.substring(equals + 1)).trim();
      if (sensor == null) {
        if (sensors.size() != 1 || given.size() != 1) {
          problems.add(
              "--key: each of the scenario's sensors ("
                  + String.join(", ", sensors)
                  + ") posts with its own key: give --key SENSOR=KEY for every one, not a bare"
                  + " key");
          continue;
        }
        sensor = sensors.get(0);
      }
      if (!sensors.contains(sensor)) {
        problems.add(
            "--key: '"
                + sensor
                + "' is not a sensor of the scenario, whose sensors are "
                + String.join(", ", sensors));
      } else if (keys.containsKey(sensor)) {
        problems.add("--key: sensor '" + sensor + "' was given a key twice");
      } else if (key.isEmpty()) {
        problems.add("--key: the key of sensor '" + sensor + "' must not be empty");
      } else if (!KEY.matcher(key).matches()) {
        problems.add(
            "--key: the key of sensor '"
                + sensor
                + "' must be printable ASCII without spaces (as tocsin sensor add prints it)");
      } else {
        keys.put(sensor, key);
      }
    }
    List<String> missing = new ArrayList<>(sensors);
    missing.removeAll(keys.keySet());
    if (problems.size() == before && !missing.isEmpty()) {
      problems.add(
          "--key: no key for sensor "
              + String.join(", ", missing)
              + ": give --key SENSOR=KEY for each of the scenario's sensors (tocsin sensor add"
              + " SENSOR prints a key)");
    }
    return problems.size() == before ? keys : Map.of();
  }
}
