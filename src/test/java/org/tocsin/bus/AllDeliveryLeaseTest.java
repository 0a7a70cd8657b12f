package org.tocsin.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tocsin.delivery.DeliveryPartitions;

class AllDeliveryLeaseTest {

  @Test
  void aSingleNodeOwnsEveryPartitionUntilItClosesItsLease() {
    DeliveryLease lease = DeliveryLease.all();
    assertThat(lease.owned()).hasSize(12).isEqualTo(DeliveryPartitions.all());
    assertThatThrownBy(() -> lease.owned().remove(0))
        .isInstanceOf(UnsupportedOperationException.class);

    lease.close();

    assertThat(lease.owned()).isEmpty();
  }
}
