package dev.kehu.infra.privacy;

import com.mongodb.client.MongoDatabase;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.infra.eventstore.PayloadCipher;
import java.util.Base64;
import java.util.Optional;

/** The sealing cipher as the application builds it, for benchmarks outside this package. */
public final class PrivacyBench {

    private static final String MASTER = Base64.getEncoder().encodeToString("bench-master-key-32-bytes-long!!".getBytes());

    private PrivacyBench() {
    }

    /** A cipher with a fresh key cache on {@code database}, every customer an individual. */
    public static PayloadCipher cipher(MongoDatabase database) {
        SubjectKeys keys = new SubjectKeys(database, MasterKey.load(new CryptoProperties(MASTER, null), false,
                java.nio.file.Path.of(".")));
        return new PersonalDataCipher(keys, id -> Optional.of(CustomerKind.INDIVIDUAL));
    }
}
