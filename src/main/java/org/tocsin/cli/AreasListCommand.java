package org.tocsin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin areas list}: the bundled area sets with their size. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Prints each bundled area set: its id, how many areas it has, and their total geodesic"
          + " area on the WGS84 ellipsoid.",
      "Exit status: 0."
    })
final class AreasListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print a JSON array of {id, count, totalKm2}.")
  boolean json;

  @Override
  public Integer call() {
    List<AreaSet> sets = AreaSets.bundledIds().stream().map(AreaSets::bundled).toList();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ArrayNode array = new ObjectMapper().createArrayNode();
      for (AreaSet set : sets) {
        array
            .addObject()
            .put("id", set.id())
            .put("count", set.size())
            .put("totalKm2", roundedKm2(set.totalAreaKm2()));
      }
      out.println(array);
    } else {
      int idWidth = sets.stream().mapToInt(set -> set.id().length()).max().orElse(0);
      for (AreaSet set : sets) {
        out.println(
            String.format(
                Locale.ROOT,
                "%-" + idWidth + "s  %,6d areas  %,11.1f km²",
                set.id(),
                set.size(),
                set.totalAreaKm2()));
      }
    }
    out.flush();
    return 0;
  }

  static double roundedKm2(double km2) {
    return BigDecimal.valueOf(km2).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
  }
}
