package dev.kehu.command.customer;

import dev.kehu.command.customer.CustomerRuleRefusal.CreditCodeRequired;
import dev.kehu.command.customer.CustomerRuleRefusal.CustomerNameRequired;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import java.util.Locale;

/** What a valid customer profile is, and the normalized form the {@link Customer} records. */
final class CustomerProfiles {

    private CustomerProfiles() {
    }

    /** A name (Chinese or Latin) always; a credit code for a company. */
    static void requireValid(CustomerKind kind, CustomerProfile profile) {
        if (isBlank(profile.chineseName()) && isBlank(profile.latinName())) {
            throw new CustomerNameRequired();
        }
        if (kind == CustomerKind.COMPANY && isBlank(profile.creditCode())) {
            throw new CreditCodeRequired();
        }
    }

    /** E-mail lower-cased and credit code upper-cased, both stripped. */
    static CustomerProfile normalized(CustomerProfile p) {
        String email = p.email() == null ? null : p.email().strip().toLowerCase(Locale.ROOT);
        String creditCode = p.creditCode() == null ? null : p.creditCode().strip().toUpperCase(Locale.ROOT);
        return new CustomerProfile(p.chineseName(), p.latinName(), creditCode, p.mobile(), email,
                p.industry(), p.region(), p.segment(), p.sourceChannel(), p.tags(), p.addresses(),
                p.preferences(), p.notes());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
