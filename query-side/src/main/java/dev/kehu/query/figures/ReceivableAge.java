package dev.kehu.query.figures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The age of an open receivable (应收款账龄), one meaning for every view: days from its invoice date to today, put in
 * the buckets 0–30, 31–60, 61–90 and over 90 days. An invoice dated after today is 0 days old; one without an
 * invoice date (an old event) is in no age bucket but still in the total ({@code undated}).
 */
public final class ReceivableAge {

    /** The bucket names, youngest first, as the views answer them. */
    public static final List<String> BUCKETS = List.of("days0to30", "days31to60", "days61to90", "over90");
    public static final String UNDATED = "undated";

    private ReceivableAge() {
    }

    /** Days from {@code invoicedOn} to {@code today}, at least 0. */
    public static long days(LocalDate invoicedOn, LocalDate today) {
        return Math.max(0, ChronoUnit.DAYS.between(invoicedOn, today));
    }

    /** The bucket of an invoice dated {@code invoicedOn} (null: {@link #UNDATED}). */
    public static String bucket(LocalDate invoicedOn, LocalDate today) {
        if (invoicedOn == null) {
            return UNDATED;
        }
        long days = days(invoicedOn, today);
        return days <= 30 ? BUCKETS.get(0) : days <= 60 ? BUCKETS.get(1) : days <= 90 ? BUCKETS.get(2) : BUCKETS.get(3);
    }

    /** Sums of outstanding amounts per bucket, accumulated with {@link #add}; every bucket present, zero or not. */
    public static final class Buckets {

        private final Map<String, BigDecimal> sums = new LinkedHashMap<>();

        public Buckets() {
            BUCKETS.forEach(name -> sums.put(name, BigDecimal.ZERO));
            sums.put(UNDATED, BigDecimal.ZERO);
        }

        public Buckets add(LocalDate invoicedOn, BigDecimal outstanding, LocalDate today) {
            sums.merge(bucket(invoicedOn, today), outstanding, BigDecimal::add);
            return this;
        }

        public Buckets add(Buckets other) {
            other.sums.forEach((name, sum) -> sums.merge(name, sum, BigDecimal::add));
            return this;
        }

        /** The buckets and their {@code total}, in the order of {@link #BUCKETS}, then undated and total. */
        public Map<String, Object> figures() {
            Map<String, Object> figures = new LinkedHashMap<>(sums);
            figures.put("total", sums.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            return figures;
        }
    }
}
