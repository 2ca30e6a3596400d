package dev.kehu.command.customer;

import java.util.Map;

/** A customer needs a Chinese or a Latin name. */
public class CustomerNameRequired extends CustomerRuleRefusal {

    public CustomerNameRequired() {
        super("a customer needs a chineseName or a latinName", Map.of("field", "profile.chineseName"));
    }
}
