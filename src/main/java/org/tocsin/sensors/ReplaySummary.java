package org.tocsin.sensors;

import java.time.Duration;

/**
 * What a replay has had acknowledged so far, or in all at its end.
 *
 * @param batches batches acknowledged (each one request)
 * @param reports reports in them
 * @param retries attempts beyond the first, over every batch
 * @param elapsed wall time since the replay started
 */
public record ReplaySummary(int batches, int reports, int retries, Duration elapsed) {}
