package org.tocsin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tocsin.cap.CapAlert;
import org.tocsin.cap.CapReader;
import org.tocsin.cap.CapWriter;

/**
 * Every CAP message that {@code simulate} writes for a public scenario is small enough for
 * receivers and for Tocsin's own reader, which refuses documents over {@link CapReader#MAX_BYTES}.
 */
class PublicScenarioCapSizeTest {

  /** The size the issue aims for: a tenth of what the reader accepts. */
  private static final int BOUND_BYTES = 100 * 1024;

  @ParameterizedTest
  @ValueSource(strings = {TestScenarios.DNIPRO, TestScenarios.KHARKIV, TestScenarios.BLACK_SEA})
  void theLargestMessageIsUnderTheBoundAndReadsBack(String scenario) throws IOException {
    List<CapAlert> messages = SimulationRun.of(TestScenarios.copy(scenario), s -> {}).capMessages();
    assertThat(messages).isNotEmpty();
    int largestBytes = 0;
    byte[] largest = new byte[0];
    for (CapAlert message : messages) {
      byte[] xml = CapWriter.toXml(message).getBytes(StandardCharsets.UTF_8);
      if (xml.length > largestBytes) {
        largestBytes = xml.length;
        largest = xml;
      }
    }
    System.out.printf(
        "%s: %d messages, the largest %d bytes%n", scenario, messages.size(), largestBytes);
    assertThat(largestBytes).isLessThan(BOUND_BYTES);
    assertThat(CapReader.read(largest).infos()).isNotEmpty();
  }
}
