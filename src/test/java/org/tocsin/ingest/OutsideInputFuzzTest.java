package org.tocsin.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.tocsin.area.GeoJsonRegion;
import org.tocsin.cap.CapReader;
import org.tocsin.sim.ScenarioLoader;

/**
 * Parsers of outside input never fail with anything but a clear refusal: whatever the bytes, they
 * either read them or throw {@link IllegalArgumentException}. In {@code verify} these run as
 * regression tests over the inputs kept in {@code OutsideInputFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1 ./mvnw test -Dtest=OutsideInputFuzzTest} fuzzes each for its maximum duration.
 */
class OutsideInputFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void reportBatchesAreReadOrRefused(byte[] input) {
    try {
      ReportJson.read(new String(input, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException expected) {
      // A refusal that names the problem is the right answer to bad input.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void capMessagesAreReadOrRefused(byte[] input) {
    try {
      CapReader.read(input);
    } catch (IllegalArgumentException expected) {
      // As above: schema violations, hardening refusals and malformed XML all land here.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void scenariosAreReadOrRefused(byte[] input) {
    try {
      ScenarioLoader.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
    } catch (IllegalArgumentException expected) {
      // As above.
    }
  }

  @FuzzTest(maxDuration = "60s")
  void launchRegionsAreReadOrRefused(byte[] input) {
    try {
      GeoJsonRegion.read(new ByteArrayInputStream(input));
    } catch (IllegalArgumentException expected) {
      // As above: not JSON, not polygons, rings out of range or enclosing nothing.
    }
  }
}
