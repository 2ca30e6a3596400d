package dev.kehu.query.projection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What reports take as "today" (from the injected {@link Clock}, in the business time zone
 * {@code kehu.query.zone}, default Asia/Shanghai) and the currency money figures are reported in
 * ({@code kehu.query.reporting-currency}, default CNY; amounts in other currencies are left out of
 * totals and rankings).
 */
@Component
public class ReportContext {

    private final Clock clock;
    private final ZoneId zone;
    private final String currency;

    @Autowired
    public ReportContext(Clock clock, QueryProperties properties) {
        this(clock, properties.zone(), properties.reportingCurrency());
    }

    public ReportContext(Clock clock, String zone, String currency) {
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.currency = currency;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public String currency() {
        return currency;
    }
}
