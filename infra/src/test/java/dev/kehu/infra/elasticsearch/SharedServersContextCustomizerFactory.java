package dev.kehu.infra.elasticsearch;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import dev.kehu.infra.embedded.EmbeddedMongoServer;

/** Behind {@link SharedServers}. */
final class SharedServersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, SharedServers.class) ? new Customizer(testClass) : null;
    }

    /** Equal only for the same test class: each class gets its own context and MongoDB-wire server. */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kehu-shared-servers", Map.of(
                    "kehu.elasticsearch.url", SharedElasticsearch.url(),
                    "kehu.mongodb.uri", mongo.connectionString(),
                    // an external MongoDB needs a configured master key (docs/privacy.md); a fixed one for tests
                    "kehu.crypto.master-key", "a2VodS10ZXN0LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=")));
            // registered before any bean exists, so destroyed after all of them
            ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("kehuSharedServersMongo", mongo::close);
        }
    }
}
