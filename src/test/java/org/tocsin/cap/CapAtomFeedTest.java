package org.tocsin.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tocsin.cap.CapAlert.Status;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class CapAtomFeedTest {

  private static final String ATOM = "http://www.w3.org/2005/Atom";

  @Test
  void theFeedIsWellFormedAtomAndListsEveryMessageWithItsLinkAndContent() throws Exception {
    List<CapAlert> messages = CapFixtures.dnipro(Status.ACTUAL).subList(0, 2);
    CapAtomFeed feed =
        new CapAtomFeed(
            "urn:tocsin:tocsin@localhost:feed", "Tocsin alerts", "https://alerts.example.org/");

    String xml = feed.toXml(messages, Instant.parse("2024-11-21T02:08:00Z"));

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element root = document.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(root.getLocalName()).isEqualTo("feed");
    assertThat(text(root, "updated")).isEqualTo("2024-11-21T02:08:00+00:00");
    NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
    assertThat(entries.getLength()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      Element entry = (Element) entries.item(i);
      CapAlert message = messages.get(i);
      assertThat(text(entry, "id")).isEqualTo(message.identifier());
      assertThat(text(entry, "title"))
          .isEqualTo(message.info("en-US").orElseThrow().headline().orElseThrow());
      Element link = (Element) entry.getElementsByTagNameNS(ATOM, "link").item(0);
      assertThat(link.getAttribute("rel")).isEqualTo("alternate");
      assertThat(link.getAttribute("type")).isEqualTo("application/cap+xml");
      assertThat(link.getAttribute("href"))
          .isEqualTo(
              "https://alerts.example.org/cap/urn:tocsin:tocsin@localhost:series01:T1-"
                  + (i + 1)
                  + ".xml");
      Element content = (Element) entry.getElementsByTagNameNS(ATOM, "content").item(0);
      Element alert =
          (Element) content.getElementsByTagNameNS(CapVersion.V1_2.namespace(), "alert").item(0);
      assertThat(CapReader.toAlert(alert, CapVersion.V1_2.namespace())).isEqualTo(message);
    }
    assertThat(text((Element) entries.item(1), "title"))
        .isEqualTo("Missile threat: take shelter now");
  }

  @Test
  void identifiersArePercentEncodedInLinks() {
    assertThat(new CapAtomFeed("urn:x", "x", "http://h").messageUrl("a b/c"))
        .isEqualTo("http://h/cap/a%20b%2Fc.xml");
  }

  private static String text(Element parent, String name) {
    return parent.getElementsByTagNameNS(ATOM, name).item(0).getTextContent();
  }
}
