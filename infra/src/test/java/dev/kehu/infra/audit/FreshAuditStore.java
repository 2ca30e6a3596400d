package dev.kehu.infra.audit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.kehu.infra.eventstore.MongoTestServer;

/**
 * The set-up the audit tests on the real engine share, as a JUnit extension
 * ({@code @RegisterExtension static final FreshAuditStore audit = new FreshAuditStore();}): one embedded
 * MongoDB-wire server per test class, stopped after it, and a fresh {@link AuditStore} on a new database for every
 * test ({@link #store()}, ready before the test's own {@code @BeforeEach}), closed after it.
 */
final class FreshAuditStore implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final MongoTestServer server = new MongoTestServer();
    private AuditStore store;

    @Override
    public void beforeEach(ExtensionContext context) {
        store = new AuditStore(server.newDatabase());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** This test's store. */
    AuditStore store() {
        return store;
    }

    /** The server's connection string, for a second client of the test's own. */
    String uri() {
        return server.uri();
    }
}
