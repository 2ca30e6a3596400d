package dev.kehu.events;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How the texts that become event metadata travel in HTTP headers ({@code X-Actor}, {@code X-Reason},
 * {@code X-On-Behalf-Of}): percent-encoded UTF-8. Header values travel as bytes that servlet containers read as
 * ISO-8859-1, so raw UTF-8 (张伟 sent unencoded) would arrive garbled; it is refused instead of guessed at. Decoding
 * is strict: malformed escapes, bytes that are not well-formed UTF-8 (an encoded surrogate, %FF) and control
 * characters are refused, never replaced by U+FFFD. The command side and the read side both decode with
 * {@link #decode} and answer a {@link Malformed} with their own 400 naming the header.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** A header value that is not well-formed percent-encoded UTF-8; the message says why. */
    public static final class Malformed extends IllegalArgumentException {

        Malformed(String message) {
            super(message);
        }
    }

    /** The text of a header value; null for null. */
    public static String decode(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new Malformed("must be ASCII; send non-ASCII text percent-encoded as UTF-8"
                        + " (张伟 as %E5%BC%A0%E4%BC%9F)");
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw new Malformed("malformed percent-encoding; send UTF-8 text percent-encoded");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("percent-encoded bytes are not well-formed UTF-8");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new Malformed("must not contain control characters");
        }
        return text;
    }
}
