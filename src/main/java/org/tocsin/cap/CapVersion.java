package org.tocsin.cap;

/** The CAP versions that Tocsin reads; it writes only 1.2. */
public enum CapVersion {
  V1_1("1.1", "urn:oasis:names:tc:emergency:cap:1.1", "CAP-v1.1.xsd"),
  V1_2("1.2", "urn:oasis:names:tc:emergency:cap:1.2", "CAP-v1.2.xsd");

  private final String number;
  private final String namespace;
  private final String schemaResource;

  CapVersion(String number, String namespace, String schemaResource) {
    this.number = number;
    this.namespace = namespace;
    this.schemaResource = schemaResource;
  }

  /** The version number, {@code 1.1} or {@code 1.2}. */
  public String number() {
    return number;
  }

  /** The XML namespace of the version's elements. */
  public String namespace() {
    return namespace;
  }

  String schemaResource() {
    return schemaResource;
  }

  @Override
  public String toString() {
    return "CAP " + number;
  }
}
