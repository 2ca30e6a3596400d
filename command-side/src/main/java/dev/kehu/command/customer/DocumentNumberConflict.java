package dev.kehu.command.customer;

import java.util.Map;

/** An ERP document number was recorded before with other content. */
public class DocumentNumberConflict extends CustomerConflict {

    public DocumentNumberConflict(String field, String number) {
        super("document " + number + " was already recorded with different content", Map.of("field", field, "number", number));
    }
}
