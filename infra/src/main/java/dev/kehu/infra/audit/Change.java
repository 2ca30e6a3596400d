package dev.kehu.infra.audit;

/** One field an event changed or stated, in words: its value before ("" when it had none) and after. */
public record Change(String field, String before, String after) {
}
