package org.tocsin.sirens;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the sirens' states are published.
 *
 * @param brokerUri the broker, {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT} ({@code --mqtt})
 * @param topicRoot the first levels of every topic, {@code tocsin} unless told otherwise: states go
 *     to {@code ROOT/SET/AREA}
 * @param clientId the MQTT client id: unique per server, since a broker disconnects the older of
 *     two clients with one id
 * @param credentials the user name and password, if the broker wants them
 */
public record MqttSettings(
    URI brokerUri, String topicRoot, String clientId, Optional<Credentials> credentials) {

  /** The topic root unless told otherwise. */
  public static final String DEFAULT_TOPIC_ROOT = "tocsin";

  /** MQTT 3.1.1 promises client ids of up to 23 characters from this alphabet (section 3.1.3.1). */
  private static final Pattern CLIENT_ID = Pattern.compile("[0-9A-Za-z_-]{1,23}");

  /** A topic level: no wildcard, no separator, no NUL, not empty. */
  private static final Pattern TOPIC_LEVEL = Pattern.compile("[^/+#\\x00]+");

  private static final int MAX_TOPIC_ROOT_CHARS = 200;

  /** A user name and password for the broker. */
  public record Credentials(String user, char[] password) {
    public Credentials {
      if (user == null || user.isEmpty() || user.length() > 256) {
        throw new IllegalArgumentException(
            "MQTT user (--mqtt-user) must be 1 to 256 characters, was '" + user + "'");
      }
      password = password.clone();
    }

    /** Never the password, which would end up in a log. */
    @Override
    public String toString() {
      return "Credentials[user=" + user + ", password=***]";
    }
  }

  public MqttSettings {
    Objects.requireNonNull(brokerUri, "brokerUri");
    requireTopicRoot(topicRoot);
    if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException(
          "MQTT client id (--mqtt-client-id) must be 1 to 23 letters, digits, '-' or '_', was '"
              + clientId
              + "'");
    }
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * Settings for a broker, with the default root and a client id of its own ({@code tocsin-<random
   * hex>}).
   *
   * @throws IllegalArgumentException naming the option and the rule
   */
  public static MqttSettings of(String brokerUri) {
    return new MqttSettings(
        brokerUri(brokerUri), DEFAULT_TOPIC_ROOT, randomClientId(), Optional.empty());
  }

  public MqttSettings withTopicRoot(String newTopicRoot) {
    return new MqttSettings(brokerUri, newTopicRoot, clientId, credentials);
  }

  public MqttSettings withClientId(String newClientId) {
    return new MqttSettings(brokerUri, topicRoot, newClientId, credentials);
  }

  public MqttSettings withCredentials(Credentials newCredentials) {
    return new MqttSettings(brokerUri, topicRoot, clientId, Optional.of(newCredentials));
  }

  /**
   * Parses the broker's address: {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT}, nothing else
   * (a user or password in the URI would be seen in the process list: see {@code --mqtt-user}).
   *
   * @throws IllegalArgumentException naming the option, the rule and the value
   */
  public static URI brokerUri(String text) {
    String rule =
        "MQTT broker (--mqtt) must be tcp://HOST:PORT or ssl://HOST:PORT, port within [1, 65535],"
            + " without user, path or query, was '"
            + text
            + "'";
    if (text == null) {
      throw new IllegalArgumentException(rule);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(rule, e);
    }
    boolean schemeOk = "tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme());
    boolean bare =
        uri.getRawUserInfo() == null
            && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null;
    if (!schemeOk
        || uri.getHost() == null
        || uri.getPort() < 1
        || uri.getPort() > 65_535
        || !bare) {
      throw new IllegalArgumentException(rule);
    }
    return uri;
  }

  /** The topic an area's state goes to. */
  String topic(String setId, String areaId) {
    return topicRoot + "/" + setId + "/" + areaId;
  }

  /**
   * Refuses a set or area id that cannot be one topic level: a slash would move it elsewhere, a
   * wildcard cannot be published to.
   */
  static void requireTopicLevel(String what, String id) {
    if (id == null || !TOPIC_LEVEL.matcher(id).matches()) {
      throw new IllegalArgumentException(
          what + " must be usable as an MQTT topic level (no '/', '+', '#'), was '" + id + "'");
    }
  }

  private static void requireTopicRoot(String root) {
    String rule =
        "MQTT topic root (--mqtt-topic-root) must be 1 to "
            + MAX_TOPIC_ROOT_CHARS
            + " characters of levels separated by '/', none empty, without '+', '#', or a"
            + " leading '$', was '"
            + root
            + "'";
    if (root == null
        || root.isEmpty()
        || root.length() > MAX_TOPIC_ROOT_CHARS
        || root.startsWith("$")) {
      throw new IllegalArgumentException(rule);
    }
    for (String level : root.split("/", -1)) {
      if (!TOPIC_LEVEL.matcher(level).matches()) {
        throw new IllegalArgumentException(rule);
      }
    }
  }

  private static String randomClientId() {
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    return "tocsin-" + HexFormat.of().formatHex(random);
  }
}
