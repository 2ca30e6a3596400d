package dev.kehu.infra.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a customer import file, each known by its English name (as in the API) or its Chinese header,
 * so a spreadsheet exported from a Chinese sales team's tool needs no renaming. Order does not matter; only
 * {@code kind} and a name are required. One row is one customer with at most one contact.
 */
enum CustomerColumns {
    KIND("kind", "类型"),
    CHINESE_NAME("chineseName", "中文名称"),
    LATIN_NAME("latinName", "英文名称"),
    CREDIT_CODE("creditCode", "统一社会信用代码"),
    MOBILE("mobile", "手机"),
    EMAIL("email", "邮箱"),
    INDUSTRY("industry", "行业"),
    REGION("region", "地区"),
    SEGMENT("segment", "客户分层"),
    SOURCE_CHANNEL("sourceChannel", "来源渠道"),
    TAGS("tags", "标签"),
    NOTES("notes", "备注"),
    CONTACT_NAME("contactName", "联系人"),
    CONTACT_TITLE("contactTitle", "联系人职务"),
    CONTACT_PHONE("contactPhone", "联系人电话"),
    CONTACT_EMAIL("contactEmail", "联系人邮箱");

    /** Tags within the {@code tags} cell are separated by these (half- and full-width semicolons, the ideographic comma). */
    static final String TAG_SEPARATORS = "[;；、]";

    final String english;
    final String chinese;

    CustomerColumns(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    private static final Map<String, CustomerColumns> BY_HEADER = new LinkedHashMap<>();

    static {
        for (CustomerColumns column : values()) {
            BY_HEADER.put(column.english.toLowerCase(Locale.ROOT), column);
            BY_HEADER.put(column.chinese, column);
        }
    }

    static Optional<CustomerColumns> byHeader(String header) {
        return Optional.ofNullable(BY_HEADER.get(header.strip().toLowerCase(Locale.ROOT)));
    }

    /** The column a request field (as the validator names it) came from. */
    static CustomerColumns ofRegistrationField(String field) {
        for (CustomerColumns column : values()) {
            if (column.english.equals(field)) {
                return column;
            }
        }
        return KIND;
    }

    static CustomerColumns ofContactField(String field) {
        return switch (field) {
            case "title" -> CONTACT_TITLE;
            case "phones" -> CONTACT_PHONE;
            case "emails" -> CONTACT_EMAIL;
            default -> CONTACT_NAME;
        };
    }

    static List<String> englishHeaders() {
        return java.util.Arrays.stream(values()).map(column -> column.english).toList();
    }
}
