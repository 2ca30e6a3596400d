package dev.kehu.events.customer;

/** Company (企业客户) or individual (个人客户). */
public enum CustomerKind {
    COMPANY, INDIVIDUAL
}
