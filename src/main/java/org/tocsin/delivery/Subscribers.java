package org.tocsin.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The subscribers of one channel, as the fan-out reads them. */
interface Subscribers {

  /**
   * Up to {@code limit} subscribers whose ids sort after {@code afterId} (empty for the first
   * page), in id order, read on the fan-out's own transaction.
   */
  List<Subscriber> page(Connection connection, String afterId, int limit) throws SQLException;
}
