package dev.kehu.query.worklist;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.worklist.*}.
 *
 * @param notContactedDays default N of the worklist section "not contacted for N days" when the request gives none
 */
@ConfigurationProperties("kehu.worklist")
public record WorklistProperties(@DefaultValue("30") int notContactedDays) {
}
