package org.tocsin.store;

import java.time.Instant;
import java.util.Objects;

/** A console account: who it is and what it may do. Never holds the password or its hash. */
public record Account(String name, Role role, Instant createdAt) {

  public Account {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
