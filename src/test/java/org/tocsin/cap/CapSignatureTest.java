package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tocsin.cap.CapAlert.Status;

class CapSignatureTest {

  private static KeyPair ec;
  private static KeyPair otherEc;
  private static KeyPair rsa;
  private static CapAlert message;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
    ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
    ec = ecGenerator.generateKeyPair();
    otherEc = ecGenerator.generateKeyPair();
    KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
    rsaGenerator.initialize(2048);
    rsa = rsaGenerator.generateKeyPair();
    message = CapFixtures.dnipro(Status.EXERCISE).get(1);
  }

  private static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEcdsaSignedMessageValidatesAgainstTheSchemaAndVerifies() {
    String signed = new CapSigner(ec).sign(message);

    assertThat(signed)
        .contains("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">")
        .contains("xmldsig-more#ecdsa-sha256")
        .endsWith("</ds:Signature></alert>");
    assertThat(CapReader.validate(bytes(signed))).isEqualTo(CapVersion.V1_2);
    assertThat(new CapVerifier(List.of(ec.getPublic())).verify(bytes(signed))).isEqualTo(message);
  }

  @Test
  void anRsaSignedMessageVerifies() {
    String signed = new CapSigner(rsa).sign(message);

    assertThat(signed).contains("xmldsig-more#rsa-sha256");
    assertThat(new CapVerifier(List.of(ec.getPublic(), rsa.getPublic())).verify(bytes(signed)))
        .isEqualTo(message);
  }

  @Test
  void alteringOneCharacterOfTheSignedMessageFailsVerification() {
    String signed = new CapSigner(ec).sign(message);
    String altered = signed.replaceFirst("<value>shelter</value>", "<value>shelteR</value>");
    assertThat(altered).isNotEqualTo(signed);
    assertThat(altered.length()).isEqualTo(signed.length());

    assertThatThrownBy(() -> new CapVerifier(List.of(ec.getPublic())).verify(bytes(altered)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("element 'Signature': does not verify: the message was altered after signing");
  }

  @Test
  void aMessageSignedWithAnUntrustedKeyIsRefused() {
    String signed = new CapSigner(otherEc).sign(message);

    assertThatThrownBy(() -> new CapVerifier(List.of(ec.getPublic())).verify(bytes(signed)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not trusted");
  }

  @Test
  void anUnsignedMessageIsRefusedByTheVerifier() {
    String unsigned = CapWriter.toXml(message);

    assertThatThrownBy(() -> new CapVerifier(List.of(ec.getPublic())).verify(bytes(unsigned)))
        .hasMessage("element 'Signature': a signed CAP message needs exactly one, had 0");
  }
}
