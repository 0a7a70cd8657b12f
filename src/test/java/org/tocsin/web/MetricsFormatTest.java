package org.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tocsin.area.AreaSets;

/**
 * {@code /metrics} read the way {@code promtool check metrics} reads it: every family declares a
 * non-empty HELP and a known TYPE before its samples, names are valid, and every sample belongs to
 * a declared family.
 */
class MetricsFormatTest {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern HELP = Pattern.compile("# HELP (\\S+)(?: (.*))?");
  private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)( -?[0-9]+)?");
  private static final List<String> TYPES =
      List.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final List<String> SUFFIXES =
      List.of("_total", "_created", "_count", "_sum", "_bucket", "_max");

  /** The problems a strict reader of the text format 0.0.4 finds; empty when there are none. */
  static List<String> problems(String exposition) {
    List<String> problems = new ArrayList<>();
    Map<String, String> help = new HashMap<>();
    Map<String, String> type = new HashMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (m.group(2) == null || m.group(2).isBlank()) {
          problems.add(m.group(1) + ": empty HELP");
        }
        if (help.put(m.group(1), String.valueOf(m.group(2))) != null) {
          problems.add(m.group(1) + ": HELP twice");
        }
      } else if ((m = TYPE.matcher(line)).matches()) {
        if (!TYPES.contains(m.group(2))) {
          problems.add(m.group(1) + ": unknown TYPE " + m.group(2));
        }
        type.put(m.group(1), m.group(2));
      } else if (line.startsWith("#")) {
        continue;
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String family = family(m.group(1), type);
        if (!help.containsKey(family)) {
          problems.add(m.group(1) + ": no HELP for family " + family);
        }
        if (!type.containsKey(family)) {
          problems.add(m.group(1) + ": no TYPE for family " + family);
        }
        try {
          Double.parseDouble(m.group(3).replace("Inf", "Infinity"));
        } catch (NumberFormatException e) {
          problems.add(m.group(1) + ": value '" + m.group(3) + "' is not a number");
        }
      } else {
        problems.add("not a sample, HELP or TYPE line: '" + line + "'");
      }
    }
    help.keySet().stream()
        .filter(name -> !NAME.matcher(name).matches())
        .forEach(name -> problems.add(name + ": invalid metric name"));
    return problems;
  }

  private static String family(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    for (String suffix : SUFFIXES) {
      if (sample.endsWith(suffix)
          && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
        return sample.substring(0, sample.length() - suffix.length());
      }
    }
    return sample;
  }

  @Test
  void theCheckerRefusesAnEmptyHelpAsPromtoolDoes() {
    String exposition =
        "# HELP tocsin_threats_warned \n# TYPE tocsin_threats_warned gauge\n"
            + "tocsin_threats_warned 0.0\n";
    assertThat(problems(exposition)).containsExactly("tocsin_threats_warned: empty HELP");
    assertThat(problems("tocsin_x 1\n")).hasSize(2);
  }

  @Test
  void everyMetricTheServerExposesHasHelpAndType() throws Exception {
    SeaImpactReplay replay = new SeaImpactReplay();
    try (WebServer server = WebServer.start(replay.live, AreaSets.bundled("ua-hromadas"), 0)) {
      replay.feedUntil("ALERT");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body()).contains("tocsin_threats_warned 1.0");
      assertThat(problems(response.body())).isEmpty();
    }
  }
}
