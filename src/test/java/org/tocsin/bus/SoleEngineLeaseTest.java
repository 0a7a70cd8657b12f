package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoleEngineLeaseTest {

  @Test
  void aSingleNodeHoldsTheRoleFromTheStartUntilClosedAndIsToldOnceEach() {
    List<String> told = new ArrayList<>();
    EngineLease lease =
        EngineLease.sole(
            new LeaseListener() {
              @Override
              public void acquired() {
                told.add("acquired");
              }

              @Override
              public void lost() {
                told.add("lost");
              }
            });
    assertThat(lease.held()).isTrue();
    lease.close();
    lease.close();
    assertThat(lease.held()).isFalse();
    assertThat(told).containsExactly("acquired", "lost");
  }
}
