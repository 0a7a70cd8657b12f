package org.tocsin.web;

import java.util.Optional;

/** Tells which sensor an API key belongs to. Keys are secrets: never logged, never echoed. */
public interface SensorAuthenticator {

  /** The sensor whose key this is, or empty. */
  Optional<String> sensorFor(String apiKey);

  /** Accepts no key: a server that takes no reports. */
  SensorAuthenticator NONE = key -> Optional.empty();
}
