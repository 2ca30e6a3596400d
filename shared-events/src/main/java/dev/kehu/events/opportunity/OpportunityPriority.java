package dev.kehu.events.opportunity;

/** How much attention an opportunity deserves (商机重点): key deals first. */
public enum OpportunityPriority {
    /** 重点商机: a key deal the director watches. */
    KEY,
    HIGH,
    NORMAL,
    LOW
}
