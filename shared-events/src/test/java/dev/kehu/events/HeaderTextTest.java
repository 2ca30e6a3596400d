package dev.kehu.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Header text both sides read: percent-encoded UTF-8, decoded strictly. */
class HeaderTextTest {

    @Test
    void decodesPercentEncodedChineseAndPlainEnglish() {
        assertThat(HeaderText.decode("%E5%BC%A0%E4%BC%9F")).isEqualTo("张伟");
        assertThat(HeaderText.decode("alice.smith")).isEqualTo("alice.smith");
        assertThat(HeaderText.decode("price%20too%20high")).isEqualTo("price too high");
        assertThat(HeaderText.decode(null)).isNull();
    }

    @Test
    void refusesRawNonAsciiMalformedEscapesBadUtf8AndControlCharacters() {
        assertThatThrownBy(() -> HeaderText.decode("张伟")).isInstanceOf(HeaderText.Malformed.class)
                .hasMessageStartingWith("must be ASCII");
        assertThatThrownBy(() -> HeaderText.decode("100%")).isInstanceOf(HeaderText.Malformed.class)
                .hasMessageStartingWith("malformed percent-encoding");
        assertThatThrownBy(() -> HeaderText.decode("%ZZok")).isInstanceOf(HeaderText.Malformed.class)
                .hasMessageStartingWith("malformed percent-encoding");
        assertThatThrownBy(() -> HeaderText.decode("%FF")).isInstanceOf(HeaderText.Malformed.class)
                .hasMessage("percent-encoded bytes are not well-formed UTF-8");
        assertThatThrownBy(() -> HeaderText.decode("%ED%A0%80")).isInstanceOf(HeaderText.Malformed.class)
                .hasMessage("percent-encoded bytes are not well-formed UTF-8");
        assertThatThrownBy(() -> HeaderText.decode("line%0Abreak")).isInstanceOf(HeaderText.Malformed.class)
                .hasMessage("must not contain control characters");
    }
}
