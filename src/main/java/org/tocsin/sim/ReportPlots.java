package org.tocsin.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.AreaWarning;
import org.tocsin.area.Area;
import org.tocsin.flight.Times;
import org.tocsin.geo.Geodesics;

/**
 * The report's plots: {@code timeline.png} (per threat, the predicted impact error and the area
 * warned, over time since the first launch) and {@code map.png} (area outlines, areas coloured by
 * the highest level they reached, predicted impact points, true impact points).
 */
final class ReportPlots {

  private static final Color PREPARE = new Color(0xF2, 0xA9, 0x00);
  private static final Color SHELTER = new Color(0xC6, 0x28, 0x28);
  private static final Color OUTLINE = new Color(0xBB, 0xBB, 0xBB);
  private static final int MAX_BACKGROUND_AREAS = 2_500;

  private ReportPlots() {}

  static void write(SimulationReport report, SimulationResult result, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BitmapEncoder.saveBitmap(
        timeline(result), dir.resolve("timeline.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    BitmapEncoder.saveBitmap(
        map(report, result), dir.resolve("map.png").toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart timeline(SimulationResult result) {
    XYChart chart =
        new XYChartBuilder()
            .width(1100)
            .height(600)
            .title(result.scenario().name() + ": prediction error and area warned")
            .xAxisTitle("seconds since first launch")
            .yAxisTitle("predicted impact error (km)")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    chart.setYAxisGroupTitle(1, "area under alert (km²)");
    Instant origin = result.scenario().firstLaunch();
    for (Threat threat : result.scenario().threats()) {
      List<Double> times = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (Prediction prediction : result.predictions()) {
        if (prediction.threatId().equals(threat.id())) {
          times.add(Times.secondsBetween(origin, prediction.time()));
          errors.add(
              Math.max(
                  0.01,
                  Geodesics.WGS84.distanceM(prediction.meanImpact(), threat.impact()) / 1000));
        }
      }
      if (!times.isEmpty()) {
        XYSeries series = chart.addSeries(threat.id() + " impact error", times, errors);
        series.setMarker(SeriesMarkers.NONE);
      }
      List<Double> eventTimes = new ArrayList<>();
      List<Double> warnedKm2 = new ArrayList<>();
      for (AlertEvent event : result.events()) {
        if (event.threatId().equals(threat.id())) {
          eventTimes.add(Times.secondsBetween(origin, event.time()));
          double km2 = 0;
          if (event.type() != org.tocsin.alert.MessageType.ALL_CLEAR) {
            for (AreaWarning warning : event.areas()) {
              km2 += result.areas().byId(warning.areaId()).map(Area::areaKm2).orElse(0.0);
            }
          }
          warnedKm2.add(Math.max(1, km2));
        }
      }
      if (!eventTimes.isEmpty()) {
        XYSeries series = chart.addSeries(threat.id() + " area warned", eventTimes, warnedKm2);
        series.setYAxisGroup(1);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(new BasicStroke(1.5f));
      }
    }
    return chart;
  }

  private static XYChart map(SimulationReport report, SimulationResult result) {
    XYChart chart =
        new XYChartBuilder()
            .width(1100)
            .height(900)
            .title(result.scenario().name() + ": areas warned, predictions, impacts")
            .xAxisTitle("longitude (°)")
            .yAxisTitle("latitude (°)")
            .build();
    chart.getStyler().setLegendVisible(true);
    Set<String> prepared = report.timeline().areasEver(AlertLevel.PREPARE);
    Set<String> sheltered = report.timeline().areasEver(AlertLevel.SHELTER);
    Envelope view = new Envelope();
    for (VehicleTruth vehicle : result.truth().vehicles()) {
      view.expandToInclude(
          vehicle.impactPoint().longitudeDeg(), vehicle.impactPoint().latitudeDeg());
    }
    for (String id : sheltered) {
      result
          .areas()
          .byId(id)
          .ifPresent(area -> view.expandToInclude(area.geometry().getEnvelopeInternal()));
    }
    view.expandBy(Math.max(0.3, 0.15 * Math.max(view.getWidth(), view.getHeight())));
    Map<Color, List<Double>> xs = new HashMap<>();
    Map<Color, List<Double>> ys = new HashMap<>();
    int drawn = 0;
    for (Area area : result.areas().areas()) {
      if (!area.geometry().getEnvelopeInternal().intersects(view)
          || drawn++ > MAX_BACKGROUND_AREAS) {
        continue;
      }
      Color color =
          sheltered.contains(area.id())
              ? SHELTER
              : prepared.contains(area.id()) ? PREPARE : OUTLINE;
      outline(
          area.geometry(),
          xs.computeIfAbsent(color, c -> new ArrayList<>()),
          ys.computeIfAbsent(color, c -> new ArrayList<>()));
    }
    addOutlines(chart, "areas", OUTLINE, xs, ys, 0.6f);
    addOutlines(chart, "prepare", PREPARE, xs, ys, 1.6f);
    addOutlines(chart, "shelter", SHELTER, xs, ys, 2.2f);
    List<Double> predictedLon = new ArrayList<>();
    List<Double> predictedLat = new ArrayList<>();
    for (Prediction prediction : result.predictions()) {
      if (view.contains(
          prediction.meanImpact().longitudeDeg(), prediction.meanImpact().latitudeDeg())) {
        predictedLon.add(prediction.meanImpact().longitudeDeg());
        predictedLat.add(prediction.meanImpact().latitudeDeg());
      }
    }
    if (!predictedLon.isEmpty()) {
      XYSeries series = chart.addSeries("predicted impacts", predictedLon, predictedLat);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(new Color(0x1E, 0x63, 0xB5));
    }
    List<Double> trueLon = new ArrayList<>();
    List<Double> trueLat = new ArrayList<>();
    for (VehicleTruth vehicle : result.truth().vehicles()) {
      trueLon.add(vehicle.impactPoint().longitudeDeg());
      trueLat.add(vehicle.impactPoint().latitudeDeg());
    }
    XYSeries impacts = chart.addSeries("true impacts", trueLon, trueLat);
    impacts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    impacts.setMarker(SeriesMarkers.CROSS);
    impacts.setMarkerColor(Color.BLACK);
    chart.getStyler().setXAxisMin(view.getMinX()).setXAxisMax(view.getMaxX());
    chart.getStyler().setYAxisMin(view.getMinY()).setYAxisMax(view.getMaxY());
    return chart;
  }

  private static void addOutlines(
      XYChart chart,
      String name,
      Color color,
      Map<Color, List<Double>> xs,
      Map<Color, List<Double>> ys,
      float width) {
    if (!xs.containsKey(color)) {
      return;
    }
    XYSeries series = chart.addSeries(name, xs.get(color), ys.get(color));
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineStyle(new BasicStroke(width));
  }

  /** Appends the polygon rings, separated by NaN so that the chart lifts the pen between them. */
  private static void outline(Geometry geometry, List<Double> x, List<Double> y) {
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      if (geometry.getGeometryN(i) instanceof Polygon polygon) {
        for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
          x.add(c.x);
          y.add(c.y);
        }
        x.add(Double.NaN);
        y.add(Double.NaN);
      }
    }
  }
}
