-- Deliveries shared out between nodes: each belongs to its subscriber's partition (0 to 11), and a
-- node claims only the partitions it owns. The partition is a CRC-32 of the subscriber's id, which
-- neither database computes the same way in SQL: a delivery made from now on has it from the
-- fan-out, and rows made before this version (NULL here) are filled in by the delivery worker when
-- it starts, before its first claim (DeliveryWorker, Deliveries.fillPartitions). A row still NULL
-- is claimed by no node.
ALTER TABLE delivery ADD COLUMN subscriber_partition INTEGER
  CHECK (subscriber_partition BETWEEN 0 AND 11);

-- The claim reads the due deliveries in this index's order and keeps those of its partitions (the
-- partition is tested per row read, as the head-of-queue test is): a node that owns a third of the
-- partitions reads about three rows per row it claims. The partition comes last, and the claim's
-- ORDER BY names every column, so that both databases still read the index in order and never sort
-- (PostgreSQL: an index scan under the limit; H2: "index sorted").
DROP INDEX delivery_due;
CREATE INDEX delivery_due ON delivery
  (channel, status, next_attempt_at, journal_sequence_number, subscriber_partition);
