package dev.kehu.query.risk;

import java.time.LocalDate;
import org.bson.Document;

/** Opens {@link RiskController}'s package-private rules to tests in other packages. */
public final class RiskTestAccess {

    private RiskTestAccess() {
    }

    public static LocalDate overdueFrom(Document invoice) {
        return RiskController.overdueFrom(invoice);
    }
}
