package dev.kehu.command.customer;

import java.time.Clock;
import java.time.LocalDate;

/** Decides "today" for the as-of dates the REST layer and the daily job put into commands. */
public record CustomerCalendar(Clock clock) {

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
