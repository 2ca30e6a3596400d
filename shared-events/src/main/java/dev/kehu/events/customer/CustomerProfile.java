package dev.kehu.events.customer;

import dev.kehu.events.customer.contact.Phone;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The customer's archive (客户档案) as one value. Names in Chinese and Latin script (at least one);
 * unified social credit code (统一社会信用代码, companies); mobile and e-mail (mainly for individuals);
 * industry, region or office (办事处), segment, source channel, tags, addresses, free-form preferences
 * (e.g. "shoeSize" → "42") and notes. E-mail is stored trimmed and lower-cased.
 */
public record CustomerProfile(String chineseName, String latinName, String creditCode, Phone mobile,
                              String email, String industry, String region, String segment,
                              String sourceChannel, List<String> tags, List<String> addresses,
                              Map<String, String> preferences, String notes) {

    public CustomerProfile {
        tags = tags == null ? List.of() : List.copyOf(tags);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        preferences = preferences == null ? Map.of() : Map.copyOf(preferences);
    }

    /** The name to show: the Chinese name if there is one, else the Latin name. */
    public String displayName() {
        return chineseName != null ? chineseName : Objects.requireNonNullElse(latinName, "");
    }
}
