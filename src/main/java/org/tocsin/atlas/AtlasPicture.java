package org.tocsin.atlas;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Objects;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.tocsin.geo.GeoPoint;

/**
 * The atlas as a map: areas filled by whole minutes of warning, areas beyond range in grey, the
 * launch points marked, a legend, what the figure is, and the data attribution.
 *
 * <p>Drawn with Java2D in an equirectangular projection whose longitude is scaled by the cosine of
 * the view's mean latitude, which keeps shapes true enough for a country-sized view. The colour
 * bins are whole minutes (two minutes when the atlas spans more than {@value #MAX_BINS} of them),
 * from red for the least warning to blue for the most, so that neighbouring bins stay apart.
 */
public final class AtlasPicture {

  static final int MAX_BINS = 12;
  private static final int MAP_WIDTH_PX = 1200;
  private static final int LEGEND_WIDTH_PX = 300;
  private static final int MARGIN_PX = 20;
  private static final int HEADER_PX = 86;
  private static final int FOOTER_PX = 44;
  private static final Color BEYOND = new Color(0xC8, 0xC8, 0xC8);
  private static final Color BEYOND_MODEL = new Color(0x8C, 0x8C, 0x8C);
  private static final Color EDGE = new Color(255, 255, 255, 150);
  private static final Color INK = new Color(0x22, 0x22, 0x22);

  /** From little warning to much: red, orange, yellow, green, teal, blue. */
  private static final Color[] RAMP = {
    new Color(0xB2, 0x18, 0x2B),
    new Color(0xE0, 0x5A, 0x2B),
    new Color(0xF4, 0xA5, 0x42),
    new Color(0xF7, 0xE0, 0x7A),
    new Color(0xB8, 0xDE, 0x8C),
    new Color(0x5C, 0xB8, 0x9C),
    new Color(0x2C, 0x7F, 0xB8),
    new Color(0x25, 0x34, 0x94)
  };

  private AtlasPicture() {}

  /**
   * @param attribution the area data's attribution, printed at the foot
   */
  public static BufferedImage draw(Atlas atlas, String attribution) {
    Objects.requireNonNull(attribution, "attribution");
    Envelope view = new Envelope();
    for (AreaTime time : atlas.areas()) {
      view.expandToInclude(time.area().geometry().getEnvelopeInternal());
    }
    for (GeoPoint launch : atlas.launches()) {
      view.expandToInclude(launch.longitudeDeg(), launch.latitudeDeg());
    }
    view.expandBy(0.04 * Math.max(view.getWidth(), view.getHeight()));
    double scaleX = Math.cos(Math.toRadians(view.centre().y));
    double pxPerDeg = MAP_WIDTH_PX / (view.getWidth() * scaleX);
    int mapHeight = (int) Math.ceil(view.getHeight() * pxPerDeg);
    int width = MARGIN_PX + MAP_WIDTH_PX + LEGEND_WIDTH_PX;
    int height = HEADER_PX + Math.max(mapHeight, 420) + FOOTER_PX;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      Projection projection =
          new Projection(view, scaleX, pxPerDeg, MARGIN_PX, HEADER_PX, mapHeight);
      Bins bins = Bins.of(atlas);
      drawAreas(g, atlas, projection, bins);
      drawLaunches(g, atlas, projection);
      drawHeader(g, atlas);
      drawLegend(g, bins, atlas, MARGIN_PX + MAP_WIDTH_PX + 16, HEADER_PX + 10);
      drawFooter(g, attribution, height);
    } finally {
      g.dispose();
    }
    return image;
  }

  private record Projection(
      Envelope view, double scaleX, double pxPerDeg, int left, int top, int mapHeight) {
    double x(double lonDeg) {
      return left + (lonDeg - view.getMinX()) * scaleX * pxPerDeg;
    }

    double y(double latDeg) {
      return top + (view.getMaxY() - latDeg) * pxPerDeg;
    }
  }

  /** Colour bins of whole minutes of warning. */
  private record Bins(int firstMinute, int minutesPerBin, int count) {
    static Bins of(Atlas atlas) {
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (AreaTime time : atlas.areas()) {
        if (time.warningTimeS().isPresent()) {
          low = Math.min(low, time.warningTimeS().getAsDouble() / 60);
          high = Math.max(high, time.warningTimeS().getAsDouble() / 60);
        }
      }
      if (low > high) {
        return new Bins(0, 1, 1);
      }
      int first = (int) Math.floor(low);
      int span = Math.max(1, (int) Math.floor(high) + 1 - first);
      int perBin = span > MAX_BINS ? 2 : 1;
      if (perBin == 2 && first % 2 != 0) {
        first--;
      }
      return new Bins(first, perBin, (int) Math.ceil((double) span / perBin));
    }

    int index(double warningS) {
      int bin = (int) Math.floor((warningS / 60 - firstMinute) / minutesPerBin);
      return Math.max(0, Math.min(count - 1, bin));
    }

    Color color(int bin) {
      if (count == 1) {
        return RAMP[0];
      }
      double position = (double) bin / (count - 1) * (RAMP.length - 1);
      int lower = (int) Math.floor(position);
      int upper = Math.min(RAMP.length - 1, lower + 1);
      double share = position - lower;
      Color a = RAMP[lower];
      Color b = RAMP[upper];
      return new Color(
          (int) Math.round(a.getRed() + share * (b.getRed() - a.getRed())),
          (int) Math.round(a.getGreen() + share * (b.getGreen() - a.getGreen())),
          (int) Math.round(a.getBlue() + share * (b.getBlue() - a.getBlue())));
    }

    String label(int bin) {
      int from = firstMinute + bin * minutesPerBin;
      return String.format(Locale.ROOT, "%d–%d min", from, from + minutesPerBin);
    }
  }

  private static void drawAreas(Graphics2D g, Atlas atlas, Projection projection, Bins bins) {
    g.setStroke(new BasicStroke(0.4f));
    for (AreaTime time : atlas.areas()) {
      Path2D path = path(time.area().geometry(), projection);
      g.setColor(
          time.warningTimeS().isPresent()
              ? bins.color(bins.index(time.warningTimeS().getAsDouble()))
              : time.band() == RangeBand.BEYOND ? BEYOND : BEYOND_MODEL);
      g.fill(path);
      g.setColor(EDGE);
      g.draw(path);
    }
  }

  private static Path2D path(Geometry geometry, Projection projection) {
    Path2D path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    for (LineString line : NearestPoints.rings(geometry)) {
      Coordinate[] ring = line.getCoordinates();
      for (int i = 0; i < ring.length; i++) {
        double x = projection.x(ring[i].x);
        double y = projection.y(ring[i].y);
        if (i == 0) {
          path.moveTo(x, y);
        } else {
          path.lineTo(x, y);
        }
      }
      path.closePath();
    }
    return path;
  }

  private static void drawLaunches(Graphics2D g, Atlas atlas, Projection projection) {
    int size = atlas.launches().size() > 20 ? 7 : 12;
    for (GeoPoint launch : atlas.launches()) {
      launchMarker(
          g, projection.x(launch.longitudeDeg()), projection.y(launch.latitudeDeg()), size);
    }
  }

  private static void launchMarker(Graphics2D g, double x, double y, int size) {
    Path2D triangle = new Path2D.Double();
    triangle.moveTo(x, y - size);
    triangle.lineTo(x + size * 0.87, y + size * 0.5);
    triangle.lineTo(x - size * 0.87, y + size * 0.5);
    triangle.closePath();
    g.setColor(Color.BLACK);
    g.fill(triangle);
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(1.2f));
    g.draw(triangle);
  }

  private static void drawHeader(Graphics2D g, Atlas atlas) {
    AtlasSettings settings = atlas.settings();
    g.setColor(INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
    String from =
        atlas.launches().size() == 1
            ? "from " + place(atlas.launches().get(0))
            : "from the nearest of " + atlas.launches().size() + " launch points";
    g.drawString(
        String.format(
            Locale.ROOT,
            "Minutes of warning before an %s arrives, %s",
            settings.threatClass().id().toUpperCase(Locale.ROOT),
            from),
        MARGIN_PX,
        32);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    g.drawString(
        String.format(
            Locale.ROOT,
            "Planning flight time = boost allowance %.0f s + the minimum-energy arc (β %.0f kg/m²)"
                + " to the area's nearest point; warning = flight − detection %.0f s − decision %.0f"
                + " s.",
            settings.boostS(),
            settings.threatClass().ballisticCoefficientKgM2(),
            settings.detectionLatencyS(),
            AtlasSettings.DECISION_LATENCY_S),
        MARGIN_PX,
        56);
    g.drawString(
        "A nominal planning time, not a bound: a flatter arc arrives sooner, a lofted one later.",
        MARGIN_PX,
        76);
  }

  private static void drawLegend(Graphics2D g, Bins bins, Atlas atlas, int left, int top) {
    long beyond = atlas.count(RangeBand.BEYOND);
    long beyondModel = atlas.count(RangeBand.BEYOND_MODEL_REACH);
    long shortOfMinimum = atlas.count(RangeBand.SHORT_OF_MINIMUM);
    double minRangeKm = atlas.settings().threatClass().minRangeKm();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.setColor(INK);
    g.drawString("Warning", left, top + 16);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    int y = top + 30;
    for (int bin = 0; bin < bins.count(); bin++) {
      swatch(g, bins.color(bin), left, y);
      g.setColor(INK);
      g.drawString(bins.label(bin), left + 34, y + 15);
      y += 26;
    }
    if (beyond > 0) {
      swatch(g, BEYOND, left, y);
      g.setColor(INK);
      g.drawString("beyond the class's range", left + 34, y + 15);
      y += 26;
    }
    if (beyondModel > 0) {
      swatch(g, BEYOND_MODEL, left, y);
      g.setColor(INK);
      g.drawString("beyond what the model flies", left + 34, y + 15);
      y += 26;
    }
    y += 8;
    launchMarker(g, left + 12, y + 10, 9);
    g.setColor(INK);
    g.drawString("launch point", left + 34, y + 15);
    if (shortOfMinimum > 0) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(shortOfMinimum + " areas lie nearer than the", left, y + 50);
      g.drawString(
          String.format(Locale.ROOT, "class's shortest range (%.0f km);", minRangeKm),
          left,
          y + 66);
      g.drawString("they keep their times.", left, y + 82);
    }
  }

  private static void swatch(Graphics2D g, Color color, int left, int top) {
    g.setColor(color);
    g.fillRect(left, top, 24, 20);
    g.setColor(Color.GRAY);
    g.drawRect(left, top, 24, 20);
  }

  private static void drawFooter(Graphics2D g, String attribution, int height) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.DARK_GRAY);
    FontMetrics metrics = g.getFontMetrics();
    String credit = "Tocsin shelter-time atlas";
    g.drawString(attribution, MARGIN_PX, height - 16);
    g.drawString(
        credit,
        MARGIN_PX + MAP_WIDTH_PX + LEGEND_WIDTH_PX - metrics.stringWidth(credit) - 10,
        height - 16);
  }

  private static String place(GeoPoint point) {
    return String.format(
        Locale.ROOT,
        "%.2f°%s %.2f°%s",
        Math.abs(point.latitudeDeg()),
        point.latitudeDeg() >= 0 ? "N" : "S",
        Math.abs(point.longitudeDeg()),
        point.longitudeDeg() >= 0 ? "E" : "W");
  }
}
