package org.tocsin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tocsin.predict.Footprint;

/** A prediction as the journal keeps it: what was predicted, when, and how sure. */
public final class DecisionJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionJson() {}

  public static String of(Footprint footprint) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("threat", footprint.threatId());
    node.put("predictedAt", footprint.predictedAt().toString());
    node.put("kind", footprint.kind().name().toLowerCase(java.util.Locale.ROOT));
    node.put("meanImpactLat", footprint.meanImpact().latitudeDeg());
    node.put("meanImpactLon", footprint.meanImpact().longitudeDeg());
    node.put("sigmaMajorM", footprint.ellipse().semiMajorM());
    node.put("sigmaMinorM", footprint.ellipse().semiMinorM());
    node.put("majorAzimuthDeg", footprint.ellipse().majorAzimuthDeg());
    node.put("earliestArrival", footprint.earliestArrival().toString());
    node.put("meanArrival", footprint.meanArrival().toString());
    node.put("latestArrival", footprint.latestArrival().toString());
    return node.toString();
  }
}
