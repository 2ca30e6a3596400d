package dev.kehu.infra.imports;

import dev.kehu.command.web.InvalidRequestField;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The text of an uploaded file. The encoding is the one declared ({@code charset} of the Content-Type, or the
 * {@code encoding} parameter), else detected: a UTF-8 byte-order mark or bytes that decode as strict UTF-8 mean
 * UTF-8, anything else is read as GBK (GB18030, its superset), which Excel writes for "CSV" on Chinese Windows.
 * A declared encoding must decode the bytes strictly: garbled names are refused, never imported.
 */
record CsvText(String text, Charset charset) {

    static final Charset GBK = Charset.forName("GB18030");
    private static final String ENCODING = "encoding";

    static CsvText decode(byte[] bytes, String declared) {
        if (declared != null && !declared.isBlank()) {
            Charset charset = charset(declared.strip());
            return new CsvText(strict(bytes, charset).orElseThrow(() -> new InvalidRequestField(ENCODING,
                    "the file is not valid " + charset.name() + "; declare the encoding it was saved in (UTF-8 or GBK)")),
                    charset);
        }
        return strict(bytes, StandardCharsets.UTF_8).map(text -> new CsvText(text, StandardCharsets.UTF_8))
                .or(() -> strict(bytes, GBK).map(text -> new CsvText(text, GBK)))
                .orElseThrow(() -> new InvalidRequestField(ENCODING, "the file is neither UTF-8 nor GBK text"));
    }

    private static Charset charset(String name) {
        try {
            Charset charset = Charset.forName(name);
            return charset.name().equals("GBK") || charset.name().equals("GB2312") ? GBK : charset;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidRequestField(ENCODING, "unknown encoding " + name + "; use UTF-8 or GBK");
        }
    }

    private static java.util.Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return java.util.Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }
}
