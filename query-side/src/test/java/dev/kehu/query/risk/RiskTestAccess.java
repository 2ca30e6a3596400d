package dev.kehu.query.risk;

import dev.kehu.query.figures.Overdue;
import dev.kehu.query.projection.Docs;
import java.time.LocalDate;
import org.bson.Document;

/** The day a stored risk invoice is overdue from, by the one definition ({@link Overdue}), for tests in other packages. */
public final class RiskTestAccess {

    private RiskTestAccess() {
    }

    public static LocalDate overdueFrom(Document invoice) {
        return Overdue.from(Docs.localDate(invoice.get("dueOn")), Docs.localDate(invoice.get("overdueSince")));
    }
}
