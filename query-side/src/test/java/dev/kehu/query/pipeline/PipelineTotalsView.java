package dev.kehu.query.pipeline;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.pipeline.PipelineTotals.Row;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline totals as the report reads them: each total document's rows, rows that sum to zero left out, without
 * positions. Two runs over one log give the same answer however their events were batched.
 */
public final class PipelineTotalsView {

    private PipelineTotalsView() {
    }

    public static List<String> rows(MongoDatabase database) {
        Map<String, Map<String, Row>> summed = new TreeMap<>();
        for (Document total : database.getCollection(PipelineTotals.COLLECTION).find()) {
            String id = total.getString("_id");
            Map<String, Row> rows = summed.computeIfAbsent(id, x -> new TreeMap<>());
            PipelineTotals.rows(total).forEach((key, row) -> rows.merge(key, row, (a, b) -> a.plus(b, 1)));
        }
        List<String> documents = new ArrayList<>();
        summed.forEach((id, rows) -> {
            List<Document> stored = new ArrayList<>();
            rows.forEach((key, row) -> {
                if (!row.isZero()) {
                    // amounts by value: sums in another order of buckets may carry another scale (0 or 0.00)
                    stored.add(new Document("k", key).append("n", row.count()).append("ms", row.millis())
                            .append("a", row.amount().stripTrailingZeros().toPlainString())
                            .append("w", row.weighted().stripTrailingZeros().toPlainString()));
                }
            });
            if (!stored.isEmpty()) {
                documents.add(new Document("_id", id).append("rows", stored).toJson());
            }
        });
        return documents;
    }
}
