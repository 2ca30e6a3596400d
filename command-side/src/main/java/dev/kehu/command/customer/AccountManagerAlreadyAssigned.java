package dev.kehu.command.customer;

import java.util.Map;

/** The account manager is already the responsible one. */
public class AccountManagerAlreadyAssigned extends CustomerConflict {

    public AccountManagerAlreadyAssigned(String accountManager) {
        super("account manager " + accountManager + " is already assigned", Map.of("field", "accountManager", "accountManager", accountManager));
    }
}
