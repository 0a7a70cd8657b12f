package org.tocsin.bus;

import java.util.Set;
import org.tocsin.delivery.DeliveryPartitions;

/** The delivery lease of a node that runs alone: every partition, until closed. */
final class AllDeliveryLease implements DeliveryLease {

  private volatile Set<Integer> owned = DeliveryPartitions.all();

  @Override
  public Set<Integer> owned() {
    return owned;
  }

  @Override
  public void close() {
    owned = Set.of();
  }
}
