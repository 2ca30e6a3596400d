package dev.kehu.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of REST tests against {@link CommandTestApplication} on a random port. */
@SpringBootTest(classes = CommandTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandApiTestSupport {

    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @LocalServerPort
    protected int port;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected InMemoryEventStorageEngine storageEngine;

    protected ApiClient api;

    @BeforeEach
    void createClient() {
        api = new ApiClient(port);
    }

    /** A valid, unused 18-character unified social credit code. */
    protected static String freshCreditCode() {
        StringBuilder code = new StringBuilder("91110108");
        for (int i = 0; i < 10; i++) {
            code.append(CODE_CHARS.charAt(ThreadLocalRandom.current().nextInt(CODE_CHARS.length())));
        }
        return code.toString();
    }

    /** A fresh mainland mobile number as a user might type it: 139-xxxx-xxxx. */
    protected static String freshMobile() {
        int n = ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String digits = "139" + n;
        return digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
    }

    protected static Map<String, Object> company(String chineseName, String creditCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "COMPANY");
        body.put("chineseName", chineseName);
        body.put("creditCode", creditCode);
        body.put("region", "北京办事处");
        body.put("tags", List.of("电商"));
        return body;
    }

    /** Registers a company and returns its id. */
    protected String registerCompany(String chineseName) {
        ApiClient.Response response = api.post("/api/customers", company(chineseName, freshCreditCode()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    protected List<DomainEventMessage<?>> eventsOf(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().<DomainEventMessage<?>>map(m -> m).toList();
    }

    protected List<Object> payloadsOf(String aggregateId) {
        return eventsOf(aggregateId).stream().map(m -> (Object) m.getPayload()).toList();
    }

    protected long totalEvents() {
        return storageEngine.readEvents(null, false).count();
    }

    protected static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
