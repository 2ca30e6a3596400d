package dev.kehu.query.reporting;

/** The customer attributes opportunity reports slice by; null when unknown. */
public record CustomerAttributes(String region, String tier, String industry, String manager) {

    public static final CustomerAttributes UNKNOWN = new CustomerAttributes(null, null, null, null);
}
