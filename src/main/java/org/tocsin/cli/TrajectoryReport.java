package org.tocsin.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.tocsin.flight.Drag;
import org.tocsin.flight.FitRequest;
import org.tocsin.flight.FittedTrajectory;
import org.tocsin.flight.Flight;
import org.tocsin.flight.FlightModel;
import org.tocsin.flight.Impact;
import org.tocsin.flight.StateVector;
import org.tocsin.flight.ThreatClass;
import org.tocsin.geo.GeoPoint;
import org.tocsin.geo.Geodesics;

/** The figures of a fitted trajectory, as the plain summary and as the JSON object. */
record TrajectoryReport(
    FitRequest request, ThreatClass threatClass, FlightModel model, FittedTrajectory fitted) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static TrajectoryReport of(
      FitRequest request, ThreatClass threatClass, FlightModel model, FittedTrajectory fitted) {
    return new TrajectoryReport(request, threatClass, model, fitted);
  }

  double rangeKm() {
    return Geodesics.WGS84.distanceM(request.launch(), request.impact()) / 1000;
  }

  String toJson() {
    Flight flight = fitted.flight();
    Impact impact = flight.impact();
    StateVector initial = flight.initial();
    ObjectNode root = MAPPER.createObjectNode();
    root.set("from", latLon(request.launch()));
    root.set("to", latLon(request.impact()));
    root.put("class", threatClass.id());
    root.put("ballisticCoefficientKgM2", model.ballisticCoefficientKgM2());
    root.put("drag", model.drag() == Drag.ATMOSPHERIC);
    root.put("rangeKm", round(rangeKm(), 3));
    root.put("flightTimeS", round(flight.flightTimeS(), 3));
    root.put("apogeeKm", round(flight.apogee().heightM() / 1000, 3));
    root.put("initialSpeedMps", round(initial.speedMps(), 2));
    root.put("impactSpeedMps", round(impact.speedMps(), 2));
    root.put("impactMach", round(impact.machNumber(), 3));
    root.put("impactAngleDeg", round(impact.angleDeg(), 3));
    root.put("launchTime", iso(initial.time()));
    root.put("impactTime", iso(impact.state().time()));
    root.set("impact", latLon(impact.point()));
    root.put("branch", fitted.branch().name().toLowerCase(Locale.ROOT));
    root.put("impactMissM", round(fitted.missM(), 3));
    ObjectNode state = root.putObject("initialState");
    state.put("time", iso(initial.time()));
    state.set("positionEcefM", vector(initial.positionEcefM(), 3));
    state.set("velocityEcefMps", vector(initial.velocityEcefMps(), 4));
    return root.toString();
  }

  String toText() {
    Flight flight = fitted.flight();
    Impact impact = flight.impact();
    StateVector initial = flight.initial();
    String drag =
        model.drag() == Drag.ATMOSPHERIC
            ? String.format(
                Locale.ROOT, "β %.0f kg/m², with drag", model.ballisticCoefficientKgM2())
            : "in vacuum";
    return String.join(
        System.lineSeparator(),
        String.format(
            Locale.ROOT,
            "Trajectory of class %s (%s), %s arc",
            threatClass.id(),
            drag,
            fitted.branch().name().toLowerCase(Locale.ROOT)),
        String.format(
            Locale.ROOT,
            "  launch   %s at %s, %.1f m/s",
            place(request.launch()),
            iso(initial.time()),
            initial.speedMps()),
        String.format(
            Locale.ROOT, "  target   %s, range %.1f km", place(request.impact()), rangeKm()),
        String.format(
            Locale.ROOT,
            "  flight   %.1f s, apogee %.1f km",
            flight.flightTimeS(),
            flight.apogee().heightM() / 1000),
        String.format(
            Locale.ROOT,
            "  impact   %s at %s (%.2f m from the target)",
            place(impact.point()),
            iso(impact.state().time()),
            fitted.missM()),
        String.format(
            Locale.ROOT,
            "           %.1f m/s, Mach %.1f, %.1f° below the horizontal",
            impact.speedMps(),
            impact.machNumber(),
            impact.angleDeg()));
  }

  private static ObjectNode latLon(GeoPoint point) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("lat", round(point.latitudeDeg(), 6));
    node.put("lon", round(point.longitudeDeg(), 6));
    return node;
  }

  private static ArrayNode vector(Vector3D vector, int decimals) {
    ArrayNode array = MAPPER.createArrayNode();
    array.add(round(vector.getX(), decimals));
    array.add(round(vector.getY(), decimals));
    array.add(round(vector.getZ(), decimals));
    return array;
  }

  private static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static String iso(Instant instant) {
    return instant.plusNanos(500_000).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String place(GeoPoint point) {
    return String.format(
        Locale.ROOT,
        "%.5f°%s %.5f°%s",
        Math.abs(point.latitudeDeg()),
        point.latitudeDeg() >= 0 ? "N" : "S",
        Math.abs(point.longitudeDeg()),
        point.longitudeDeg() >= 0 ? "E" : "W");
  }
}
