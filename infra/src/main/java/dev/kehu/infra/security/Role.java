package dev.kehu.infra.security;

/** The roles of issue 13; a user holds any combination. Spring authorities are {@code ROLE_<name>}. */
public enum Role {
    /** Registers customers; changes the customers it manages and the opportunities it owns; reads views and search. */
    SALES,
    /** What SALES does, on every customer and opportunity; assigns account managers and owners. */
    MANAGER,
    /** Reads everything, including the audit API; changes nothing. */
    AUDITOR,
    /** Users, roles, tokens, projection and search-node operations. */
    ADMIN,
    /** Records ERP facts (orders, deliveries, invoices, payments, overdue invoices) and nothing else; may act on behalf of a person. */
    INTEGRATION;

    String authority() {
        return "ROLE_" + name();
    }
}
