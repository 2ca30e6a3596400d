package dev.kehu.command.customer;

import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The set-wide unique values of a customer, as claim keys: {@code creditCode:<CODE>} for any customer
 * with a credit code (upper-cased), and for individuals {@code mobile:<normalized>} and
 * {@code email:<lower-cased>}.
 */
public record UniqueCustomerFields(Map<String, String> valuesByKey) {

    public static UniqueCustomerFields of(CustomerKind kind, CustomerProfile profile) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (profile.creditCode() != null && !profile.creditCode().isBlank()) {
            String code = profile.creditCode().strip().toUpperCase(Locale.ROOT);
            keys.put("creditCode:" + code, code);
        }
        if (kind == CustomerKind.INDIVIDUAL) {
            if (profile.mobile() != null && !profile.mobile().normalized().isEmpty()) {
                keys.put("mobile:" + profile.mobile().normalized(), profile.mobile().entered());
            }
            if (profile.email() != null && !profile.email().isBlank()) {
                String email = profile.email().strip().toLowerCase(Locale.ROOT);
                keys.put("email:" + email, email);
            }
        }
        return new UniqueCustomerFields(keys);
    }

    public List<String> claimKeys() {
        return new ArrayList<>(valuesByKey.keySet());
    }

    /** "creditCode:9111…" → "creditCode" (the profile field, as problem+json names it). */
    public static String fieldOf(String claimKey) {
        return claimKey.substring(0, claimKey.indexOf(':'));
    }
}
