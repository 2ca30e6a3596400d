package dev.kehu.infra.audit.proof;

/**
 * Where the log is not what it should be: the position, the event's aggregate and sequence number when known, what
 * kind of problem ({@code missing}, {@code altered}, {@code chain-broken}, {@code out-of-order}, {@code replaced})
 * and a sentence.
 */
public record Problem(long position, String aggregateId, Long seq, String kind, String detail) {
}
