package org.tocsin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tocsin.sirens.MqttSettings;
import picocli.CommandLine.Option;

/**
 * The {@code --mqtt} options of {@code tocsin serve}: the broker the sirens' states go to. The
 * password comes from a file, never the command line, which every local user can read.
 */
final class MqttOption {

  @Option(
      names = "--mqtt",
      paramLabel = "URI",
      description = {
        "Publishes each area's siren state, retained at QoS 1, to TOPIC-ROOT/SET/AREA on this MQTT"
            + " broker: tcp://HOST:PORT or ssl://HOST:PORT. Reconnects by itself."
      })
  String brokerUri;

  @Option(
      names = "--mqtt-topic-root",
      paramLabel = "ROOT",
      defaultValue = MqttSettings.DEFAULT_TOPIC_ROOT,
      description = "The first levels of the sirens' topics (default: tocsin).")
  String topicRoot = MqttSettings.DEFAULT_TOPIC_ROOT;

  @Option(
      names = "--mqtt-client-id",
      paramLabel = "ID",
      description =
          "The MQTT client id, unique per server: up to 23 letters, digits, '-' or '_' (default:"
              + " tocsin- and random hex).")
  String clientId;

  @Option(names = "--mqtt-user", paramLabel = "NAME", description = "The broker's user name.")
  String user;

  @Option(
      names = "--mqtt-password-file",
      paramLabel = "FILE",
      description = "A file whose first line is the broker's password (with --mqtt-user).")
  Path passwordFile;

  /**
   * The settings, checked; empty without {@code --mqtt}.
   *
   * @throws IllegalArgumentException naming the option and the rule
   */
  Optional<MqttSettings> settings() {
    if (brokerUri == null) {
      if (clientId != null || user != null || passwordFile != null) {
        throw new IllegalArgumentException(
            "--mqtt-client-id, --mqtt-user, --mqtt-password-file: only with --mqtt");
      }
      return Optional.empty();
    }
    MqttSettings settings = MqttSettings.of(brokerUri).withTopicRoot(topicRoot);
    if (clientId != null) {
      settings = settings.withClientId(clientId);
    }
    if (passwordFile != null && user == null) {
      throw new IllegalArgumentException("--mqtt-password-file: only with --mqtt-user");
    }
    if (user != null) {
      settings = settings.withCredentials(new MqttSettings.Credentials(user, password()));
    }
    return Optional.of(settings);
  }

  private char[] password() {
    if (passwordFile == null) {
      return new char[0];
    }
    try {
      String firstLine =
          Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      return firstLine.toCharArray();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--mqtt-password-file: cannot read " + passwordFile + ": " + e.getMessage(), e);
    }
  }
}
