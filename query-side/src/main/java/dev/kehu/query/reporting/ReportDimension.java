package dev.kehu.query.reporting;

import java.util.Arrays;
import java.util.Locale;

/** What an opportunity report can be grouped by, with the index field behind each. */
public enum ReportDimension {
    STAGE("stage"),
    OWNER("owner"),
    REGION("region"),
    INDUSTRY("industry"),
    TIER("tier"),
    /** Month (yyyy-MM) of the actual close date, or of the expected one while open. */
    CLOSE_MONTH("closeMonth"),
    /** Month (yyyy-MM) of the expected close date. */
    EXPECTED_CLOSE_MONTH("expectedCloseMonth");

    private final String field;

    ReportDimension(String field) {
        this.field = field;
    }

    /** The index field, which is also the name used in the API (groupBy=closeMonth). */
    public String field() {
        return field;
    }

    public static ReportDimension parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace("_", "");
        return Arrays.stream(values())
                .filter(dimension -> dimension.field.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown groupBy dimension '" + name
                        + "'; use stage, owner, region, industry, tier, closeMonth or expectedCloseMonth"));
    }
}
