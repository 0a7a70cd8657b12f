package org.tocsin.alert;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class XmlTextTest {

  @Test
  void tabsNewlinesCyrillicAndPairedSurrogatesAreCarried() {
    assertThatCode(() -> XmlText.require("text.headlineUk", "Укриття\tзараз\r\n🚨"))
        .doesNotThrowAnyException();
  }

  @Test
  void controlsNoncharactersAndLoneSurrogatesAreRefusedNamingTheFieldAndIndex() {
    assertThatThrownBy(() -> XmlText.require("reason", "ok\u0007"))
        .hasMessage("reason: must not contain U+0007, a character XML 1.0 cannot carry, at 2");
    assertThatThrownBy(() -> XmlText.require("reason", "\uFFFE"))
        .hasMessage("reason: must not contain U+FFFE, a character XML 1.0 cannot carry, at 0");
    assertThatThrownBy(() -> XmlText.require("reason", "a\uD83Db"))
        .hasMessage("reason: must not contain U+D83D, a character XML 1.0 cannot carry, at 1");
  }
}
