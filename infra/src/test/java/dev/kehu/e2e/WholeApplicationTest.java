package dev.kehu.e2e;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import com.mongodb.client.MongoDatabase;

import dev.kehu.KehuApplication;
import dev.kehu.infra.elasticsearch.SharedServers;

/**
 * Base of the tests that run the whole application on a random port against the shared test servers, each with a
 * context of its own: the port to call, the context (to create users, {@code dev.kehu.infra.security.TestUsers}),
 * and the MongoDB database to read what was stored. One place for the set-up every end-to-end test repeated;
 * settings of one test go on it with {@code @TestPropertySource(properties = ...)}.
 */
@SpringBootTest(classes = KehuApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SharedServers
@DirtiesContext
public abstract class WholeApplicationTest {

    @LocalServerPort
    protected int port;
    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected MongoDatabase database;
}
