package dev.kehu.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README.md's configuration table against the {@code META-INF/spring-configuration-metadata.json} that
 * spring-boot-configuration-processor generates in every module from the {@code @ConfigurationProperties}
 * records: a new setting without a row (or a changed default) fails the build, so the table stays complete.
 */
class ConfigurationTableTest {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** kehu.* property name → its metadata entry, from every module's metadata on the classpath. */
    private static final Map<String, JsonNode> METADATA_PROPERTIES = new TreeMap<>();
    /** kehu.* property name → the default cell of its README row. */
    private static final Map<String, String> TABLE = new TreeMap<>();

    @BeforeAll
    static void readMetadataAndReadme() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(ConfigurationTableTest.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("kehu.")) {
                        METADATA_PROPERTIES.put(name, property);
                    }
                }
            }
        }
        List<String> readme = Files.readAllLines(Path.of("../README.md"));
        int start = readme.indexOf("## Configuration");
        assertThat(start).as("README.md has a section ## Configuration").isNotNegative();
        for (String line : readme.subList(start + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| `kehu.")) {
                String[] cells = line.split("\\|");
                TABLE.put(unquoted(cells[1]), cells[2].trim());
            }
        }
    }

    private static String unquoted(String cell) {
        return cell.trim().replaceAll("^`|`$", "");
    }

    @Test
    void metadataOfEveryModuleIsOnTheClasspath() {
        assertThat(METADATA_PROPERTIES).containsKeys(
                "kehu.customer.zone",                // command-side
                "kehu.opportunity.probability.lead", // command-side, nested record
                "kehu.query.zone",                   // query-side
                "kehu.data-dir");                    // infra
    }

    @Test
    void everyPropertyHasARowInReadmesConfigurationTable() {
        assertThat(METADATA_PROPERTIES.keySet().stream().filter(name -> !TABLE.containsKey(name)).toList())
                .as("kehu.* properties missing from README.md's configuration table")
                .isEmpty();
    }

    @Test
    void everyRowNamesAnExistingProperty() {
        assertThat(TABLE.keySet().stream().filter(name -> !METADATA_PROPERTIES.containsKey(name)).toList())
                .as("rows of README.md's configuration table that no @ConfigurationProperties record declares")
                .isEmpty();
    }

    @Test
    void everyDocumentedDefaultIsTheRecordsDefault() {
        Map<String, String> wrong = new TreeMap<>();
        METADATA_PROPERTIES.forEach((name, property) -> {
            JsonNode defaultValue = property.get("defaultValue");
            if (defaultValue == null || !TABLE.containsKey(name)) {
                return; // no default in the record (described in words in the table), or reported as missing above
            }
            String expected = defaultValue.asText().isEmpty() ? "empty" : "`" + defaultValue.asText() + "`";
            if (!TABLE.get(name).equals(expected)) {
                wrong.put(name, "README " + TABLE.get(name) + ", record " + expected);
            }
        });
        assertThat(wrong).as("defaults in README.md's configuration table that differ from the records'").isEmpty();
    }

    @Test
    void everyPropertyHasADescriptionForIdes() {
        assertThat(METADATA_PROPERTIES).allSatisfy((name, property) ->
                assertThat(property.path("description").asText()).as("description (Javadoc @param) of " + name).isNotBlank());
    }
}
