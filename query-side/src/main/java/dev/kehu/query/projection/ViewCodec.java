package dev.kehu.query.projection;

import org.bson.Document;

import java.util.List;
import java.util.function.Function;

/**
 * How a projection that folds a decoded value (an immutable record, such as the customer 360 view) reads and writes
 * its documents through {@link ViewWriter#decoded} and {@link ViewWriter#replace}. The batch keeps the decoded value
 * between the events of a batch and encodes it once, when the batch writes, instead of decoding and encoding the
 * whole document on every event.
 *
 * @param <S> the decoded value; never changed in place (each event gives a new one)
 */
public interface ViewCodec<S> {

    /** The value of a stored document. */
    S decode(Document document);

    /** The document of a value, {@code _id} and {@code appliedPosition} included. */
    Document encode(S value);

    /**
     * The top-level keys {@link #encode} gives for {@code value}, in its order, without encoding it: the batch keeps
     * the stored key order from them (see {@link ViewWriter#replace}). It must list exactly the keys of
     * {@code encode(value)}; writing a document checks it does.
     */
    List<String> keys(S value);

    static <S> ViewCodec<S> of(Function<Document, S> decode, Function<S, Document> encode, Function<S, List<String>> keys) {
        return new ViewCodec<>() {
            @Override
            public S decode(Document document) {
                return decode.apply(document);
            }

            @Override
            public Document encode(S value) {
                return encode.apply(value);
            }

            @Override
            public List<String> keys(S value) {
                return keys.apply(value);
            }
        };
    }
}
