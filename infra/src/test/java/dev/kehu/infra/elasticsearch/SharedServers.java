package dev.kehu.infra.elasticsearch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * For {@code @SpringBootTest} classes: the application uses the test JVM's {@link SharedElasticsearch}
 * node ({@code kehu.elasticsearch.url}) and a fresh in-memory MongoDB-wire server of its own
 * ({@code kehu.mongodb.uri}, database {@code kehu}), stopped when the test's application context closes.
 * So the application starts no embedded server. Each annotated class gets its own context and MongoDB.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(SharedServersContextCustomizerFactory.class)
public @interface SharedServers {
}
