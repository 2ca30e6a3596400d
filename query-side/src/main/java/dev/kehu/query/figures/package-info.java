/**
 * The read side's figures, each defined once (docs/read-side.md, "Figures, one definition each"): the twelve-month
 * spend window, credit exposure and "over limit", "overdue", and what an invoice leaves of a deal's credit
 * reservation. Every view that shows one of these figures computes it here, from values its own documents hold,
 * and figures that depend on today take today as an argument, so they stay right as days pass without events.
 */
package dev.kehu.query.figures;
