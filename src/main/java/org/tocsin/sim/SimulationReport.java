package org.tocsin.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tocsin.alert.AlertEvent;
import org.tocsin.alert.AlertLevel;
import org.tocsin.alert.MessageType;
import org.tocsin.area.Area;
import org.tocsin.area.AreaSet;
import org.tocsin.cap.CapIssuer;
import org.tocsin.flight.Times;
import org.tocsin.geo.Geodesics;

/** The report of {@code docs/SCENARIOS.md}, computed from a simulation and its truth. */
final class SimulationReport {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SimulationResult result;
  private final CapIssuer capIssuer;
  private final WarningTimeline timeline;

  /**
   * @param capIssuer names the CAP messages of the run in {@code alerts}
   */
  SimulationReport(SimulationResult result, CapIssuer capIssuer) {
    this.result = result;
    this.capIssuer = capIssuer;
    this.timeline = new WarningTimeline(result.events());
  }

  WarningTimeline timeline() {
    return timeline;
  }

  ObjectNode toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("scenario", result.scenario().name());
    root.put("areas", result.scenario().areas());
    ArrayNode threats = root.putArray("threats");
    for (Threat threat : result.scenario().threats()) {
      threats.add(threatFigures(threat));
    }
    AreaSet areas = result.areas();
    double prepareKm2 = areaKm2(timeline.areasEver(AlertLevel.PREPARE));
    double shelterKm2 = areaKm2(timeline.areasEver(AlertLevel.SHELTER));
    Set<String> shelteredAtImpact = new TreeSet<>();
    Set<String> impactAreas = new TreeSet<>();
    for (VehicleTruth vehicle : result.truth().vehicles()) {
      areas.containing(vehicle.impactPoint()).map(Area::id).ifPresent(impactAreas::add);
      for (String areaId : timeline.areasEver(AlertLevel.SHELTER)) {
        if (timeline.stretchAt(areaId, AlertLevel.SHELTER, vehicle.impactTime()).isPresent()) {
          shelteredAtImpact.add(areaId);
        }
      }
    }
    double impactKm2 = areaKm2(impactAreas);
    root.put("prepareAreaKm2", round(prepareKm2, 1));
    root.put("shelterAreaKm2", round(shelterKm2, 1));
    root.put("shelterAreaKm2AtImpact", round(areaKm2(shelteredAtImpact), 1));
    root.put("impactAreaKm2", round(impactKm2, 1));
    if (impactKm2 > 0) {
      root.put("overWarningRatio", round(shelterKm2 / impactKm2, 2));
    } else {
      root.putNull("overWarningRatio");
    }
    ArrayNode alerts = root.putArray("alerts");
    for (AlertEvent event : result.events()) {
      addAlertEntries(alerts, event);
    }
    ObjectNode latency = root.putObject("decisionLatencyMs");
    double[] sorted = result.decisionLatenciesMs().clone();
    Arrays.sort(sorted);
    latency.put("p50", round(percentile(sorted, 0.50), 2));
    latency.put("p99", round(percentile(sorted, 0.99), 2));
    latency.put("max", round(sorted.length == 0 ? 0 : sorted[sorted.length - 1], 2));
    return root;
  }

  private ObjectNode threatFigures(Threat threat) {
    List<VehicleTruth> vehicles =
        result.truth().vehicles().stream().filter(v -> v.threatId().equals(threat.id())).toList();
    Instant impactTime = meanImpactTime(vehicles);
    Optional<Instant> firstDetection = Optional.ofNullable(result.firstReports().get(threat.id()));
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", threat.id());
    node.put("launchTime", iso(threat.launchTime()));
    node.put("impactTime", iso(impactTime));
    putTime(node, "firstDetectionTime", firstDetection);
    putTime(node, "firstAlertTime", firstTime(vehicles, AlertLevel.PREPARE));
    putTime(node, "firstShelterTime", firstTime(vehicles, AlertLevel.SHELTER));
    node.put("prepareLeadTimeS", round(leadTimeS(vehicles, AlertLevel.PREPARE), 1));
    node.put("leadTimeS", round(leadTimeS(vehicles, AlertLevel.SHELTER), 1));
    if (firstDetection.isPresent()) {
      node.put("maxLeadTimeS", round(Times.secondsBetween(firstDetection.get(), impactTime), 1));
    } else {
      node.putNull("maxLeadTimeS");
    }
    int warned = 0;
    int missed = 0;
    int outside = 0;
    for (VehicleTruth vehicle : vehicles) {
      Optional<Area> area = result.areas().containing(vehicle.impactPoint());
      if (area.isEmpty()) {
        outside++;
      } else if (timeline
          .stretchAt(area.get().id(), AlertLevel.SHELTER, vehicle.impactTime())
          .isPresent()) {
        warned++;
      } else {
        missed++;
      }
    }
    node.put("impactsWarned", warned);
    node.put("impactsMissed", missed);
    node.put("impactsOutsideAreas", outside);
    Optional<Prediction> last =
        result.predictions().stream()
            .filter(p -> p.threatId().equals(threat.id()) && p.time().isBefore(impactTime))
            .reduce((first, second) -> second);
    if (last.isPresent()) {
      node.put(
          "finalImpactErrorKm",
          round(Geodesics.WGS84.distanceM(last.get().meanImpact(), threat.impact()) / 1000, 2));
      node.put(
          "timeOfArrivalErrorS",
          round(Times.secondsBetween(impactTime, last.get().meanArrival()), 1));
    } else {
      node.putNull("finalImpactErrorKm");
      node.putNull("timeOfArrivalErrorS");
    }
    // An optional field (docs/SCENARIOS.md): every message reaches millions of phones.
    node.put(
        "messages",
        result.events().stream().filter(event -> event.threatId().equals(threat.id())).count());
    return node;
  }

  /** The smallest lead over the threat's vehicles in areas; 0 if one was not warned at impact. */
  double leadTimeS(List<VehicleTruth> vehicles, AlertLevel level) {
    double lead = Double.POSITIVE_INFINITY;
    for (VehicleTruth vehicle : vehicles) {
      Optional<Area> area = result.areas().containing(vehicle.impactPoint());
      if (area.isEmpty()) {
        continue;
      }
      Optional<WarningTimeline.Stretch> stretch =
          timeline.stretchAt(area.get().id(), level, vehicle.impactTime());
      if (stretch.isEmpty()) {
        return 0;
      }
      lead = Math.min(lead, Times.secondsBetween(stretch.get().start(), vehicle.impactTime()));
    }
    return Double.isInfinite(lead) ? 0 : lead;
  }

  private Optional<Instant> firstTime(List<VehicleTruth> vehicles, AlertLevel level) {
    return vehicles.stream()
        .map(vehicle -> result.areas().containing(vehicle.impactPoint()))
        .flatMap(Optional::stream)
        .map(area -> timeline.firstTime(area.id(), level))
        .flatMap(Optional::stream)
        .min(Instant::compareTo);
  }

  private void addAlertEntries(ArrayNode alerts, AlertEvent event) {
    if (event.type() == MessageType.CANCEL) {
      alerts.add(entry(event, "Cancel", "none", List.of()));
      return;
    }
    if (event.type() == MessageType.ALL_CLEAR) {
      List<String> all = event.areas().stream().map(w -> w.areaId()).sorted().toList();
      alerts.add(entry(event, "Update", "all-clear", all));
      return;
    }
    for (AlertLevel level : new AlertLevel[] {AlertLevel.SHELTER, AlertLevel.PREPARE}) {
      List<String> ids = event.areaIds(level);
      if (!ids.isEmpty()) {
        alerts.add(entry(event, event.type().capMsgType(), level.id(), ids));
      }
    }
  }

  private ObjectNode entry(AlertEvent event, String msgType, String level, List<String> ids) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("time", iso(event.time()));
    node.put("msgType", msgType);
    node.put("level", level);
    node.put("threat", event.threatId());
    ArrayNode areas = node.putArray("areas");
    ids.forEach(areas::add);
    node.put("capIdentifier", capIssuer.identifier(event.id()));
    return node;
  }

  private double areaKm2(Set<String> ids) {
    return ids.stream()
        .map(id -> result.areas().byId(id))
        .flatMap(Optional::stream)
        .mapToDouble(Area::areaKm2)
        .sum();
  }

  static Instant meanImpactTime(List<VehicleTruth> vehicles) {
    Instant first = vehicles.get(0).impactTime();
    double offsetS = 0;
    for (VehicleTruth vehicle : vehicles) {
      offsetS += Times.secondsBetween(first, vehicle.impactTime()) / vehicles.size();
    }
    return first.plus(Times.ofSeconds(offsetS));
  }

  private static double percentile(double[] sorted, double share) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(share * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void putTime(ObjectNode node, String field, Optional<Instant> time) {
    if (time.isPresent()) {
      node.put(field, iso(time.get()));
    } else {
      node.putNull(field);
    }
  }

  static String iso(Instant time) {
    return time.plusNanos(500_000).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
