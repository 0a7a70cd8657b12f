package org.tocsin.web;

import org.tocsin.alert.AlertEvent;

/**
 * An alert event as published to subscribers, numbered in publication order so that a client that
 * lost its connection resumes after the last number it saw ({@code Last-Event-ID}).
 *
 * @param sequence 1, 2, 3… in publication order
 * @param event the alert event
 */
public record PublishedEvent(long sequence, AlertEvent event) {}
