package dev.kehu.infra.embedded;

import dev.kehu.infra.mongodb.MongoConfiguration;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.kehu.infra.axon.AxonConfiguration;
import dev.kehu.infra.eventstore.MongoEventStorageEngine;

/**
 * The child process of {@link CrashDurabilityTest}: opens the embedded server on {@code <dir>/kehu.mv}, has four
 * threads commit through the event store engine as fast as they can, and one thread read the event stream as a
 * processor would. Prints a line for every acknowledged commit ({@code ACK <last position> <events> <aggregate>})
 * and every event read ({@code SEEN <position> <aggregate> <seq>}) until it is killed (or after a bounded run).
 *
 * <p>Arguments: the data directory, {@code durable} (the embedded default) or {@code auto-commit} (H2's own
 * once-a-second commit, as before), and a tag that makes this run's aggregate ids unique.
 */
public final class CrashingWriter {

    private static final int WRITERS = 4;
    private static final long MAX_RUN_MS = 60_000;
    private static final int MAX_COMMITS_PER_WRITER = 50_000;

    @Revision("1")
    public record CustomerRegistered(String customerId, String name, String city) {
    }

    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean durable = args[1].equals("durable");
        String tag = args[2];
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        String uri;
        if (durable) {
            uri = EmbeddedMongoServer.onFile(dir, 0).connectionString();
        } else {
            Files.createDirectories(dir);
            MongoServer server = new MongoServer(new H2Backend(dir.resolve("kehu.mv").toString()));
            uri = "mongodb://127.0.0.1:" + server.bind().getPort();
        }
        MongoClient client = MongoClients.create(MongoConfiguration.clientSettings(uri));
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(client.getDatabase("kehu"))
                .eventSerializer(AxonConfiguration.messageSerializer())
                .snapshotSerializer(AxonConfiguration.snapshotSerializer())
                .build();
        long deadline = System.currentTimeMillis() + MAX_RUN_MS;
        List<Thread> threads = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int w = writer;
            threads.add(new Thread(() -> write(engine, tag + "-w" + w, deadline, out)));
        }
        threads.add(new Thread(() -> read(engine, deadline, out)));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        System.exit(0);
    }

    private static void write(MongoEventStorageEngine engine, String prefix, long deadline, PrintStream out) {
        for (int i = 0; i < MAX_COMMITS_PER_WRITER && System.currentTimeMillis() < deadline; i++) {
            String aggregateId = prefix + "-" + i;
            List<EventMessage<?>> events = new ArrayList<>();
            int size = i % 5 == 4 ? 2 : 1;
            for (int seq = 0; seq < size; seq++) {
                events.add(new GenericDomainEventMessage<>("Customer", aggregateId, seq,
                        new CustomerRegistered(aggregateId, seq == 0 ? "成都火锅连锁 " + i : "Acme Trading " + i,
                                seq == 0 ? "成都" : "Hamburg"),
                        MetaData.from(Map.of("actor", "崩溃测试 crash drill"))));
            }
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                engine.appendEvents(events);
                Long last = (Long) unitOfWork.resources().get(MongoEventStorageEngine.LAST_COMMITTED_POSITION);
                unitOfWork.commit();
                out.println("ACK " + last + " " + size + " " + aggregateId);
            } catch (RuntimeException e) {
                if (unitOfWork.isActive()) {
                    unitOfWork.rollback(e);
                }
                out.println("FAILED " + aggregateId + " " + e);
            }
        }
    }

    private static void read(MongoEventStorageEngine engine, long deadline, PrintStream out) {
        TrackingToken token = null;
        while (System.currentTimeMillis() < deadline) {
            List<? extends TrackedEventMessage<?>> batch = engine.readEvents(token, false).limit(500).toList();
            for (TrackedEventMessage<?> event : batch) {
                DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
                long position = ((GapAwareTrackingToken) event.trackingToken()).getIndex();
                out.println("SEEN " + position + " " + domain.getAggregateIdentifier() + " " + domain.getSequenceNumber());
                token = event.trackingToken();
            }
            if (batch.isEmpty()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
