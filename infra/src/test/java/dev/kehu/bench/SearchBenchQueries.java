package dev.kehu.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import dev.kehu.query.search.Pinyin;
import dev.kehu.query.search.SearchDataGenerator;

/**
 * Query phases of {@link SearchBenchmark}: the kinds of query salespeople type (and of type-ahead input), sent
 * through the REST endpoints, kinds interleaved so that load changes on the machine spread over all of them;
 * p50 and p99 per kind and overall.
 */
final class SearchBenchQueries {

    /** Latencies of one run: per kind and overall, and how many answers had hits. */
    record Run(Map<String, List<Double>> byKind, List<Double> all, long withHits) {

        Map<String, Object> perKind() {
            Map<String, Object> perKind = new LinkedHashMap<>();
            byKind.forEach((kind, latencies) -> perKind.put(kind,
                    Map.of("p50_ms", round(percentile(latencies, 50)), "p99_ms", round(percentile(latencies, 99)))));
            return perKind;
        }

        void log(String label) {
            byKind.forEach((kind, latencies) -> SearchBenchmark.log("%s %-22s p50 %6.1f ms  p99 %6.1f ms", label, kind,
                    percentile(latencies, 50), percentile(latencies, 99)));
            SearchBenchmark.log("%s: %,d, p50 %.1f ms, p99 %.1f ms, %,d with hits", label, all.size(), percentile(all, 50),
                    percentile(all, 99), withHits);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    SearchBenchQueries(String base) {
        this.base = base;
    }

    /** Sends {@code perKind} queries of every kind (after {@code warmUp} unmeasured ones) to {@code path}. */
    Run run(String path, Map<String, Function<SearchDataGenerator.Customer, String>> kinds,
            List<SearchDataGenerator.Customer> customers, Random random, int warmUp, int perKind) throws Exception {
        List<String> names = new ArrayList<>(kinds.keySet());
        for (int i = 0; i < warmUp; i++) {
            get(path, kinds.get(names.get(i % names.size())).apply(customers.get(random.nextInt(customers.size()))));
        }
        Map<String, List<Double>> byKind = new LinkedHashMap<>();
        names.forEach(kind -> byKind.put(kind, new ArrayList<>()));
        List<Double> all = new ArrayList<>();
        long withHits = 0;
        for (int i = 0; i < perKind; i++) {
            for (String kind : names) {
                String query = kinds.get(kind).apply(customers.get(random.nextInt(customers.size())));
                long start = System.nanoTime();
                String body = get(path, query);
                double millis = (System.nanoTime() - start) / 1e6;
                byKind.get(kind).add(millis);
                all.add(millis);
                if (!body.contains("\"hits\":[]") && !body.contains("\"suggestions\":[]")) {
                    withHits++;
                }
            }
        }
        return new Run(byKind, all, withHits);
    }

    /** The query kinds of the search mix, each drawing its text from a random generated customer. */
    static Map<String, Function<SearchDataGenerator.Customer, String>> searchKinds(Random random) {
        Map<String, Function<SearchDataGenerator.Customer, String>> kinds = new LinkedHashMap<>();
        kinds.put("company_words", customer -> customer.name().length() > 6 && !customer.name().contains(" ")
                ? customer.name().substring(0, 4) + " " + customer.name().substring(4, 6) : customer.name().split(" ")[0]);
        kinds.put("company_full_name", SearchDataGenerator.Customer::name);
        kinds.put("person_name", customer -> person(customer, random).name());
        kinds.put("pinyin_full", customer -> pinyin(person(customer, random), false));
        kinds.put("pinyin_initials", customer -> pinyin(person(customer, random), true));
        kinds.put("latin_name_typo", customer -> typo(person(customer, random).name(), random));
        kinds.put("latin_prefix", customer -> {
            String name = customer.latinName() != null ? customer.latinName() : customer.people().get(0).name();
            return name.substring(0, Math.min(4, name.length()));
        });
        kinds.put("phone_formatted", customer -> {
            String mobile = person(customer, random).mobile();
            return "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
        });
        kinds.put("phone_prefix", customer -> person(customer, random).mobile().substring(0, 7));
        kinds.put("name_last_four", customer -> {
            SearchDataGenerator.Person person = person(customer, random);
            return person.name() + " " + person.mobile().substring(7);
        });
        kinds.put("email_prefix", customer -> {
            String email = person(customer, random).email();
            return email.substring(0, email.indexOf('@') + 2);
        });
        kinds.put("filtered_word", customer -> customer.name().substring(0, 2) + "&region="
                + URLEncoder.encode(customer.region(), StandardCharsets.UTF_8) + "&manager=" + customer.manager());
        kinds.put("surname_title", customer -> {
            SearchDataGenerator.Person person = person(customer, random);
            return person.chinese() ? person.name().substring(0, 1) + "经理" : "Manager " + person.name().split(" ")[1];
        });
        kinds.put("company_and_person", customer -> {
            String company = customer.name().contains(" ") ? customer.name().split(" ")[0] : customer.name().substring(2, 4);
            return company + " " + person(customer, random).name().split(" ")[0];
        });
        return kinds;
    }

    /** Type-ahead input: the first characters of a name, pinyin initials, a Latin prefix, a phone prefix. */
    static Map<String, Function<SearchDataGenerator.Customer, String>> suggestKinds(Random random) {
        Map<String, Function<SearchDataGenerator.Customer, String>> kinds = new LinkedHashMap<>();
        kinds.put("suggest_chinese", customer -> customer.name().contains(" ")
                ? person(customer, random).name().substring(0, 2) : customer.name().substring(2, 4));
        kinds.put("suggest_pinyin_initials", customer -> {
            String initials = pinyin(person(customer, random), true);
            return initials.substring(0, Math.min(2, initials.length()));
        });
        kinds.put("suggest_latin_prefix", customer -> {
            String name = customer.latinName() != null ? customer.latinName() : customer.name();
            return name.substring(0, Math.min(3, name.length()));
        });
        kinds.put("suggest_phone_prefix", customer -> person(customer, random).mobile().substring(0, 5));
        return kinds;
    }

    static SearchDataGenerator.Person person(SearchDataGenerator.Customer customer, Random random) {
        return customer.people().get(random.nextInt(customer.people().size()));
    }

    private static String pinyin(SearchDataGenerator.Person person, boolean initials) {
        if (!person.chinese()) {
            return person.name().toLowerCase();
        }
        Pinyin.Forms forms = Pinyin.ofPersonName(person.name());
        return initials ? forms.initials().get(0) : forms.full().get(0);
    }

    private static String typo(String name, Random random) {
        if (!name.matches("[A-Za-z ]+") || name.length() < 5) {
            return name;
        }
        char[] chars = name.toCharArray();
        int at = 1 + random.nextInt(chars.length - 2);
        if (chars[at] == ' ' || chars[at + 1] == ' ') {
            return name;
        }
        char swap = chars[at];
        chars[at] = chars[at + 1];
        chars[at + 1] = swap;
        return new String(chars);
    }

    /** GET {@code path?q=…} (text after an {@code &} in the query is passed as further parameters); the body. */
    String get(String path, String query) throws Exception {
        String q = query;
        String extra = "";
        int amp = query.indexOf('&');
        if (amp > 0) {
            q = query.substring(0, amp);
            extra = query.substring(amp);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + "?size=10&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " for " + query + ": " + response.body());
        }
        return response.body();
    }

    static double percentile(List<Double> values, double percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
