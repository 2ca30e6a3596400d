package dev.kehu.command.web;

import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * Maps a feature's exception type (and its subclasses) to an HTTP status and extra problem+json
 * properties. Register as beans; {@link ProblemDetailsAdvice} picks the most specific mapping.
 */
public record ProblemMapping<T extends Throwable>(Class<T> type, HttpStatus status,
                                                  Function<? super T, Map<String, Object>> properties) {

    public static <T extends Throwable> ProblemMapping<T> of(Class<T> type, HttpStatus status,
                                                             Function<? super T, Map<String, Object>> properties) {
        return new ProblemMapping<>(type, status, properties);
    }

    public static <T extends Throwable> ProblemMapping<T> of(Class<T> type, HttpStatus status) {
        return new ProblemMapping<>(type, status, t -> Map.of());
    }

    Map<String, Object> propertiesOf(Throwable throwable) {
        return properties.apply(type.cast(throwable));
    }
}
