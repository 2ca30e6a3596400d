package dev.kehu.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Projections;

/**
 * Kills the embedded server with SIGKILL while four threads commit through the event store engine and a reader
 * streams, reopens its file and checks that every acknowledged commit is there at the position it was acknowledged
 * with, that every event a reader saw is still there, and that the log is dense. Three rounds on the same file, so
 * later rounds also show that positions are not reused after a crash.
 *
 * <p>{@code -Dkehu.crash-test.mode=auto-commit} runs the children on H2's own once-a-second commit (the backend
 * before durable replies), to see this test fail; {@code -Dkehu.crash-test.rounds=n} runs more rounds.
 */
class CrashDurabilityTest {

    private static final String MODE = System.getProperty("kehu.crash-test.mode", "durable");
    private static final int ROUNDS = Integer.getInteger("kehu.crash-test.rounds", 3);
    /** The kill comes at a random moment up to 1.5 s after this many commits were acknowledged. */
    private static final int ACKS_BEFORE_KILL = 20;

    @TempDir
    Path work;

    private record Ack(long last, int events, String aggregateId) {
    }

    private record Seen(long position, String aggregateId, long seq) {
    }

    @Test
    void noAcknowledgedCommitOrEventAReaderSawIsLostWhenTheServerIsKilled() throws Exception {
        Path data = work.resolve("mongodb");
        Random random = new Random();
        List<Ack> acks = new ArrayList<>();
        List<Seen> seen = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long killAfterMs = random.nextInt(1500);
            int acksBefore = acks.size();
            runAndKill(data, "r" + round, killAfterMs, acks, seen);
            System.out.printf("crash round %d (%s): killed %d ms after the %dth ack; %d commits acknowledged,"
                    + " %d events seen by the reader so far%n", round, MODE, killAfterMs, ACKS_BEFORE_KILL, acks.size() - acksBefore,
                    seen.size());
            verify(data, acks, seen, "round " + round + " (killed " + killAfterMs + " ms after the " + ACKS_BEFORE_KILL + "th ack)");
        }
    }

    private void runAndKill(Path data, String tag, long killAfterMs, List<Ack> acks, List<Seen> seen)
            throws Exception {
        Path log = work.resolve("child-" + tag + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
                data.toString(), MODE, tag)
                .redirectError(log.toFile())
                .start();
        List<Ack> childAcks = new CopyOnWriteArrayList<>();
        List<Seen> childSeen = new CopyOnWriteArrayList<>();
        CountDownLatch firstAcks = new CountDownLatch(ACKS_BEFORE_KILL);
        Thread reader = new Thread(() -> readLines(child, childAcks, childSeen, firstAcks));
        reader.start();
        try {
            assertThat(firstAcks.await(120, TimeUnit.SECONDS)).as("the child acknowledged commits; see " + log).isTrue();
            Thread.sleep(killAfterMs);
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        acks.addAll(childAcks);
        seen.addAll(childSeen);
    }

    private static void readLines(Process child, List<Ack> acks, List<Seen> seen, CountDownLatch firstAcks) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 4 && parts[0].equals("ACK")) {
                    acks.add(new Ack(Long.parseLong(parts[1]), Integer.parseInt(parts[2]), parts[3]));
                    firstAcks.countDown();
                } else if (parts.length == 4 && parts[0].equals("SEEN")) {
                    seen.add(new Seen(Long.parseLong(parts[1]), parts[2], Long.parseLong(parts[3])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the child was killed mid-line: what came before is complete
        }
    }

    private static void verify(Path data, List<Ack> acks, List<Seen> seen, String when) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.onFile(data, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Map<Long, BsonDocument> log = new HashMap<>();
            for (BsonDocument document : client.getDatabase("kehu").getCollection("events", BsonDocument.class).find()
                    .projection(Projections.include("_id", "aggregateId", "seq", "commitFirst", "commitLast", "abandoned"))) {
                log.put(document.getNumber("_id").longValue(), document);
            }
            long head = log.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat(log.size()).as("positions stored up to the head %d after %s", head, when).isEqualTo((int) head);

            List<String> lost = new ArrayList<>();
            for (Ack ack : acks) {
                long first = ack.last() - ack.events() + 1;
                for (int k = 0; k < ack.events(); k++) {
                    BsonDocument document = log.get(first + k);
                    if (document == null || document.containsKey("abandoned")
                            || !document.getString("aggregateId").getValue().equals(ack.aggregateId())
                            || document.getNumber("seq").longValue() != k
                            || document.getNumber("commitFirst").longValue() != first
                            || document.getNumber("commitLast").longValue() != ack.last()) {
                        lost.add(ack + " -> " + document);
                    }
                }
            }
            assertThat(lost).as("acknowledged commits missing or replaced after %s (of %d)", when, acks.size()).isEmpty();

            List<String> phantoms = new ArrayList<>();
            for (Seen event : seen) {
                BsonDocument document = log.get(event.position());
                if (document == null || document.containsKey("abandoned")
                        || !document.getString("aggregateId").getValue().equals(event.aggregateId())
                        || document.getNumber("seq").longValue() != event.seq()) {
                    phantoms.add(event + " -> " + document);
                }
            }
            assertThat(phantoms).as("events a reader saw that are missing or replaced after %s (of %d)", when,
                    seen.size()).isEmpty();
        }
    }
}
