package dev.kehu.query.web;

import java.util.List;

/**
 * One page of a list view. {@code nextCursor} is null on the last page; {@code position} is the
 * event-log position the view had reached and {@code stale} says it missed the caller's
 * {@code minPosition} within the wait bound.
 */
public record Page<T>(List<T> items, String nextCursor, long position, boolean stale) {
}
