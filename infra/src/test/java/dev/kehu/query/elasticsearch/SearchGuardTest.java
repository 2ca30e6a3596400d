package dev.kehu.query.elasticsearch;

import dev.kehu.query.search.CustomerSearch;
import dev.kehu.query.search.CustomerSearchConfiguration;
import dev.kehu.query.search.CustomerSearchCriteria;
import dev.kehu.query.search.CustomerSearchResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.kehu.infra.elasticsearch.ElasticsearchConfiguration;
import dev.kehu.infra.elasticsearch.ElasticsearchProperties;
import dev.kehu.infra.elasticsearch.SharedElasticsearch;

/**
 * Searches through the {@link SearchGuard} against Elasticsearch that vanishes and comes back on the same
 * address (a loopback forwarder in front of the shared node, stopped and started again), and against one
 * that is frozen (a port that accepts connections and never answers): always {@link SearchUnavailable},
 * fast once the circuit is open, never held longer than the search timeout, and searching again once
 * Elasticsearch is back.
 */
@ExtendWith(SharedElasticsearch.class)
class SearchGuardTest {

    private static final String ALIAS = "guard_test_customers";
    private static final Duration SEARCH_TIMEOUT = Duration.ofMillis(1_500);

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    @Test
    void answersUnavailableWhileElasticsearchIsGoneAndSearchesAgainWhenItIsBackOnTheSameAddress() throws Exception {
        new VersionedIndex(SharedElasticsearch.client(), ALIAS, 1, CustomerSearchConfiguration.ALIAS).ensureExists();
        Forwarder forwarder = new Forwarder(URI.create(SharedElasticsearch.url()).getPort());
        closing.add(forwarder);
        SearchGuard guard = new SearchGuard(new SearchProperties(4, Duration.ofMillis(50), Duration.ofSeconds(1)));
        CustomerSearch search = new CustomerSearch(client("http://127.0.0.1:" + forwarder.port()), ALIAS, guard);
        CustomerSearchCriteria criteria = new CustomerSearchCriteria("张三 Zhang", null, null, null, null, null, 0, 10);

        assertThat(search.search(criteria).total()).isZero();

        forwarder.stop();
        List<SearchUnavailable.Reason> reasons = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long started = System.nanoTime();
            SearchUnavailable refused = catchThrowableOfType(SearchUnavailable.class, () -> search.search(criteria));
            assertThat(refused).as("search %d while Elasticsearch is gone", i).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SEARCH_TIMEOUT.plusSeconds(1));
            reasons.add(refused.reason());
        }
        assertThat(reasons).contains(SearchUnavailable.Reason.UNREACHABLE).endsWith(SearchUnavailable.Reason.CIRCUIT_OPEN);
        assertThat(guard.circuitState()).isEqualTo("OPEN");

        forwarder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        CustomerSearchResult result = null;
        while (result == null && System.nanoTime() < deadline) {
            try {
                result = search.search(criteria);
            } catch (SearchUnavailable notYet) {
                Thread.sleep(200);
            }
        }
        assertThat(result).as("a search after Elasticsearch came back on the same address").isNotNull();
        assertThat(result.hits()).isEmpty();
        assertThat(guard.circuitState()).isIn("CLOSED", "HALF_OPEN");
    }

    @Test
    void aFrozenElasticsearchHoldsNoCallerLongerThanTheTimeoutAndRefusesTheRestAtOnce() throws Exception {
        ServerSocket frozen = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        closing.add(frozen);
        SearchGuard guard = new SearchGuard(new SearchProperties(2, Duration.ofMillis(100), Duration.ofSeconds(30)));
        CustomerSearch search = new CustomerSearch(client("http://127.0.0.1:" + frozen.getLocalPort()), ALIAS, guard);
        CustomerSearchCriteria criteria = new CustomerSearchCriteria("Acme 北京", null, null, null, null, null, 0, 10);

        ExecutorService callers = Executors.newFixedThreadPool(20);
        closing.add(callers::shutdownNow);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> calls = new ArrayList<>();
        List<SearchUnavailable.Reason> reasons = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(callers.submit(() -> {
                go.await();
                long started = System.nanoTime();
                try {
                    search.search(criteria);
                } catch (SearchUnavailable e) {
                    reasons.add(e.reason());
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            }));
        }
        go.countDown();
        List<Long> millis = new ArrayList<>();
        for (Future<Long> call : calls) {
            millis.add(call.get(30, TimeUnit.SECONDS));
        }
        assertThat(reasons).hasSize(20);
        assertThat(reasons.stream().filter(SearchUnavailable.Reason.SATURATED::equals).count())
                .as("callers beyond the 2 slots, refused after the queue wait: %s ms", millis).isGreaterThanOrEqualTo(15);
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(SEARCH_TIMEOUT.toMillis() + 1_500));

        // enough failures: the circuit opens, and a search no longer even connects
        for (int i = 0; i < 4 && !"OPEN".equals(guard.circuitState()); i++) {
            assertThatThrownBy(() -> search.search(criteria)).isInstanceOf(SearchUnavailable.class);
        }
        assertThat(guard.circuitState()).isEqualTo("OPEN");
        long started = System.nanoTime();
        SearchUnavailable open = catchThrowableOfType(SearchUnavailable.class, () -> search.search(criteria));
        assertThat(open.reason()).isEqualTo(SearchUnavailable.Reason.CIRCUIT_OPEN);
        assertThat(open.retryAfterSeconds()).isEqualTo(30);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(50));
    }

    private ElasticsearchClient client(String url) {
        var rest = ElasticsearchConfiguration.restClient(url, ElasticsearchProperties.DEFAULT_CONNECT_TIMEOUT, SEARCH_TIMEOUT, 20);
        closing.add(rest);
        return ElasticsearchConfiguration.client(rest);
    }

    /** A loopback TCP forwarder on a fixed port: stop() drops the listener and every connection, start() listens again. */
    private static final class Forwarder implements AutoCloseable {
        private final int target;
        private final int port;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile ServerSocket listener;
        private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "forwarder");
            thread.setDaemon(true);
            return thread;
        });

        Forwarder(int target) throws IOException {
            this.target = target;
            ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.port = first.getLocalPort();
            listen(first);
        }

        int port() {
            return port;
        }

        void start() throws IOException {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listen(again);
        }

        void stop() throws IOException {
            listener.close();
            for (Socket socket : sockets) {
                socket.close();
            }
            sockets.clear();
        }

        private void listen(ServerSocket server) {
            listener = server;
            threads.execute(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(client);
                        sockets.add(upstream);
                        threads.execute(() -> pump(client, upstream));
                        threads.execute(() -> pump(upstream, client));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // one side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            stop();
            threads.shutdownNow();
        }
    }
}
