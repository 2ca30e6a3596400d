package dev.kehu.infra.security;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every failed sign-in (time, the user name tried, the client address, how it was tried), never the
 * password or token, in the MongoDB collection {@code sign_in_failures} and the log.
 */
public class SignInFailures {

    static final String COLLECTION = "sign_in_failures";
    private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);

    private final MongoCollection<Document> failures;
    private final Clock clock;

    public SignInFailures(MongoDatabase database, Clock clock) {
        this.failures = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    void record(String method, String username, String address) {
        String name = username == null ? null : username.length() > 200 ? username.substring(0, 200) : username;
        log.warn("failed sign-in: method={} user={} address={}", method, name, address);
        failures.insertOne(new Document("at", Date.from(clock.instant())).append("method", method)
                .append("username", name).append("address", address));
    }
}
