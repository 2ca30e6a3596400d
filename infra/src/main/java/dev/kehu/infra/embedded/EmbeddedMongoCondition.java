package dev.kehu.infra.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code kehu.mongodb.uri} is empty: the application starts its embedded MongoDB-wire server. */
final class EmbeddedMongoCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return context.getEnvironment().getProperty("kehu.mongodb.uri", "").isBlank();
    }
}
