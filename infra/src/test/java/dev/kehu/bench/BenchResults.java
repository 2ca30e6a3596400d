package dev.kehu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A benchmark's flat figures as {@code bench-results/<file>}, pretty-printed JSON, and on standard output. */
final class BenchResults {

    private BenchResults() {
    }

    static void write(String file, Map<String, Object> results) throws IOException {
        String json = toJson(results);
        Path out = Path.of("bench-results", file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, json, StandardCharsets.UTF_8);
        System.out.print(json);
    }

    /** Strings quoted, lists of strings as JSON arrays, numbers and booleans as they print. */
    static String toJson(Map<String, Object> results) {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> entry : results.entrySet()) {
            Object v = entry.getValue();
            String value = v instanceof String s ? "\"" + s + "\""
                    : v instanceof List<?> list ? list.stream().map(x -> "\"" + x + "\"").toList().toString() : String.valueOf(v);
            json.append("  \"").append(entry.getKey()).append("\": ").append(value);
            json.append(++i < results.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }
}
