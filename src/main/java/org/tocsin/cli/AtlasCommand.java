package org.tocsin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import org.locationtech.jts.geom.Geometry;
import org.tocsin.area.AreaSet;
import org.tocsin.area.AreaSets;
import org.tocsin.area.GeoJsonRegion;
import org.tocsin.atlas.Atlas;
import org.tocsin.atlas.AtlasFormats;
import org.tocsin.atlas.AtlasPicture;
import org.tocsin.atlas.AtlasSettings;
import org.tocsin.atlas.LaunchRegion;
import org.tocsin.atlas.ShelterAtlas;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tocsin atlas}: the planning flight and warning time of every area from launch points or a
 * launch region.
 *
 * <p>Options are read as text and validated together, so that a user sees every problem at once,
 * one line each, naming the option and the rule.
 */
@Command(
    name = "atlas",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the shelter-time atlas: for every area, the planning flight time of a missile of"
          + " the class from the launch points (boost allowance plus the minimum-energy arc to the"
          + " area's nearest point) and the warning time that leaves people. A nominal planning"
          + " figure, not a bound.",
      "Exit status: 0 on success, 2 for invalid input, 1 for an internal error."
    })
final class AtlasCommand implements Callable<Integer> {

  /** The largest launch-region file read (bytes). */
  static final long MAX_REGION_BYTES = 10_000_000;

  static final String BUNDLED_ATTRIBUTION =
      "Administrative boundaries of Ukraine: SSPE Kartographia / OCHA COD-AB, CC BY-IGO 3.0"
          + " (simplified).";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Launches launches;

  static final class Launches {
    @Option(
        names = "--from",
        paramLabel = "LAT,LON",
        description = "A launch point, decimal degrees; repeat for several.")
    List<String> from;

    @Option(
        names = "--launch-region",
        paramLabel = "FILE.geojson",
        description =
            "A launch region: a GeoJSON Polygon or MultiPolygon (or Feature or FeatureCollection"
                + " of them), sampled with --region-points launch points.")
    Path region;
  }

  @Option(
      names = "--class",
      required = true,
      paramLabel = "CLASS",
      description = "srbm, mrbm, irbm or icbm.")
  String threatClass;

  @Option(
      names = "--areas",
      defaultValue = "ua-hromadas",
      paramLabel = "SET|PATH",
      description = "A bundled area set or a GeoJSON file (default: ${DEFAULT-VALUE}).")
  String areas;

  @Option(
      names = "--boost-s",
      paramLabel = "S",
      description =
          "Boost allowance added to the ballistic flight (default per class: srbm 60, mrbm 120,"
              + " irbm 180, icbm 240).")
  String boostS;

  @Option(
      names = "--detection-latency",
      paramLabel = "S",
      description = "Time from launch to the first launch report (default: 60).")
  String detectionLatencyS;

  @Option(
      names = "--region-points",
      defaultValue = "50",
      paramLabel = "N",
      description = "Launch points sampled from --launch-region (default: ${DEFAULT-VALUE}).")
  String regionPoints;

  @Option(names = "--json", description = "Print exactly one JSON object instead of the table.")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Also write DIR/atlas.geojson, DIR/atlas.csv and the map DIR/atlas.png.")
  Path outDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    ThreatClass cls = OptionParsing.parse("--class", threatClass, ThreatClass::fromId, problems);
    AtlasSettings settings = cls == null ? null : settings(cls, problems);
    List<GeoPoint> points = launchPoints(problems);
    AreaSet areaSet = OptionParsing.parse("--areas", areas, AreaSets::load, problems);
    if (outDir != null && Files.exists(outDir) && !Files.isDirectory(outDir)) {
      problems.add("--out: must be a directory, was a file: " + outDir);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("error: " + problem));
      return ErrorHandler.BAD_INPUT;
    }
    Atlas atlas = compute(settings, areaSet, points);
    if (outDir != null) {
      write(atlas, areaSet);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? AtlasFormats.json(atlas) + System.lineSeparator() : AtlasFormats.table(atlas));
    out.flush();
    return 0;
  }

  private AtlasSettings settings(ThreatClass cls, List<String> problems) {
    AtlasSettings defaults = AtlasSettings.of(cls);
    AtlasSettings boost =
        boostS == null
            ? defaults
            : OptionParsing.parse(
                "--boost-s",
                boostS,
                text -> defaults.withBoostS(OptionParsing.number(text, "a number of seconds")),
                problems);
    AtlasSettings latency =
        detectionLatencyS == null
            ? defaults
            : OptionParsing.parse(
                "--detection-latency",
                detectionLatencyS,
                text ->
                    defaults.withDetectionLatencyS(
                        OptionParsing.number(text, "a number of seconds")),
                problems);
    return boost == null || latency == null
        ? null
        : boost.withDetectionLatencyS(latency.detectionLatencyS());
  }

  private List<GeoPoint> launchPoints(List<String> problems) {
    List<GeoPoint> points = new ArrayList<>();
    if (launches.from != null) {
      if (launches.from.size() > ShelterAtlas.MAX_LAUNCHES) {
        problems.add(
            "--from: at most "
                + ShelterAtlas.MAX_LAUNCHES
                + " launch points, were "
                + launches.from.size());
        return points;
      }
      for (String text : launches.from) {
        GeoPoint point = OptionParsing.parse("--from", text, GeoPoint::parse, problems);
        if (point != null) {
          points.add(point);
        }
      }
      return points;
    }
    Integer count =
        OptionParsing.parse(
            "--region-points",
            regionPoints,
            text -> {
              int value = integer(text);
              if (value < 1 || value > LaunchRegion.MAX_POINTS) {
                throw new IllegalArgumentException(
                    "must be within [1, " + LaunchRegion.MAX_POINTS + "], was " + value);
              }
              return value;
            },
            problems);
    Geometry region =
        OptionParsing.parse("--launch-region", launches.region.toString(), this::region, problems);
    if (region != null && count != null) {
      points.addAll(LaunchRegion.sample(region, count));
    }
    return points;
  }

  private Geometry region(String path) {
    Path file = Path.of(path);
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("no such file: " + path);
      }
      if (Files.size(file) > MAX_REGION_BYTES) {
        throw new IllegalArgumentException(
            "must be at most " + MAX_REGION_BYTES + " bytes, was " + Files.size(file));
      }
      try (InputStream in = Files.newInputStream(file)) {
        return GeoJsonRegion.read(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static Atlas compute(AtlasSettings settings, AreaSet areaSet, List<GeoPoint> points)
      throws InterruptedException {
    ExecutorService executor =
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try (ProgressBar bar = ConsoleProgress.bar("atlas")) {
      return new ShelterAtlas(settings, executor)
          .compute(areaSet, points, share -> bar.stepTo(Math.round(share * ConsoleProgress.STEPS)));
    } finally {
      executor.shutdown();
      executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    }
  }

  private void write(Atlas atlas, AreaSet areaSet) throws IOException {
    Files.createDirectories(outDir);
    Files.writeString(
        outDir.resolve("atlas.geojson"), AtlasFormats.geoJson(atlas), StandardCharsets.UTF_8);
    Files.writeString(outDir.resolve("atlas.csv"), AtlasFormats.csv(atlas), StandardCharsets.UTF_8);
    String attribution =
        AreaSets.bundledIds().contains(areaSet.id())
            ? BUNDLED_ATTRIBUTION
            : "Areas: " + Path.of(areaSet.id()).getFileName();
    System.setProperty("java.awt.headless", "true");
    if (!ImageIO.write(
        AtlasPicture.draw(atlas, attribution), "png", outDir.resolve("atlas.png").toFile())) {
      throw new IOException("no PNG writer in this Java runtime");
    }
  }

  private static int integer(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number, was '" + text + "'", e);
    }
  }
}
