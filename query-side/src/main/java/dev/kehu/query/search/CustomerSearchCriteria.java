package dev.kehu.query.search;

import dev.kehu.query.web.InvalidQueryParameter;

/**
 * What a salesperson asked for: free text (names in Chinese or Latin letters, pinyin, phones in any
 * format, last four digits, e-mails, or a mix) plus exact filters and a page.
 *
 * <p>Bounds, each refused with 400 naming the parameter: {@code q} at most {@link #MAX_QUERY_LENGTH}
 * characters (a longer text is not a search, and Elasticsearch would refuse the query it makes);
 * filters at most {@link #MAX_FILTER_LENGTH}; {@code size} 1–{@link #MAX_SIZE}; {@code page} from 0,
 * with (page + 1) × size ≤ {@link #MAX_RESULT_WINDOW}, Elasticsearch's {@code index.max_result_window}
 * (deeper pages are refused by Elasticsearch; narrow the search instead).
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
    public static final int MAX_QUERY_LENGTH = 200;
    public static final int MAX_FILTER_LENGTH = 200;
    public static final int MAX_RESULT_WINDOW = 10_000;

    public CustomerSearchCriteria {
        q = q == null ? "" : q.strip();
        if (q.length() > MAX_QUERY_LENGTH) {
            throw new InvalidQueryParameter("q", "must be at most " + MAX_QUERY_LENGTH + " characters, got " + q.length());
        }
        filter("region", region);
        filter("tier", tier);
        filter("manager", manager);
        filter("lifecycle", lifecycle);
        filter("tag", tag);
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidQueryParameter("size", "must be between 1 and " + MAX_SIZE);
        }
        if (page < 0) {
            throw new InvalidQueryParameter("page", "must not be negative, got " + page);
        }
        if ((page + 1L) * size > MAX_RESULT_WINDOW) {
            throw new InvalidQueryParameter("page", "must keep (page + 1) × size at most " + MAX_RESULT_WINDOW
                    + "; narrow the search instead of paging this deep");
        }
    }

    private static void filter(String parameter, String value) {
        if (value != null && value.length() > MAX_FILTER_LENGTH) {
            throw new InvalidQueryParameter(parameter, "must be at most " + MAX_FILTER_LENGTH + " characters");
        }
    }

    public static CustomerSearchCriteria text(String q) {
        return new CustomerSearchCriteria(q, null, null, null, null, null, 0, 10);
    }
}
