package dev.kehu.infra.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class ElasticsearchUrlTest {

    @Test
    void keepsSchemeHostAndPortAndDropsATrailingSlash() {
        ElasticsearchUrl url = ElasticsearchUrl.parse("http://search.internal:9200/");

        assertThat(url.base()).isEqualTo("http://search.internal:9200");
        assertThat(url.authorization()).isEmpty();
    }

    @Test
    void turnsUserInformationIntoBasicAuthentication() {
        ElasticsearchUrl url = ElasticsearchUrl.parse("https://kehu:s%40cret@es.example.com:9243");

        assertThat(url.base()).isEqualTo("https://es.example.com:9243");
        assertThat(url.authorization()).hasValue("Basic "
                + Base64.getEncoder().encodeToString("kehu:s@cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsSomethingThatIsNoUrl() {
        assertThatThrownBy(() -> ElasticsearchUrl.parse("localhost:9200"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kehu.elasticsearch.url");
    }
}
