package dev.kehu.infra.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code kehu.elasticsearch.url} is empty: the application starts its embedded Elasticsearch node. */
final class EmbeddedElasticsearchCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment().getProperty("kehu.elasticsearch.url", "").isBlank();
    }
}
