package dev.kehu.query.search;

/**
 * What a salesperson asked for: free text (names in Chinese or Latin letters, pinyin, phones in any
 * format, last four digits, e-mails, or a mix) plus exact filters and a page.
 *
 * @param page zero-based page number
 * @param size hits per page (1–100)
 */
public record CustomerSearchCriteria(
        String q,
        String region,
        String tier,
        String manager,
        String lifecycle,
        String tag,
        int page,
        int size) {

    public static final int MAX_SIZE = 100;

    public CustomerSearchCriteria {
        q = q == null ? "" : q.strip();
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }

    public static CustomerSearchCriteria text(String q) {
        return new CustomerSearchCriteria(q, null, null, null, null, null, 0, 10);
    }
}
