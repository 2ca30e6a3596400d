package dev.kehu.infra.export;

import dev.kehu.query.web.Page;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * {@code Accept: text/csv} for every list the query side answers, without a line in its controllers: a
 * {@link Page} or a list answer ({@code {"items": […], "nextCursor": …}}) is written as CSV, one row per item, UTF-8
 * with a byte-order mark (so Excel opens Chinese text correctly). Columns are the items' fields in order of first
 * appearance; nested objects become dotted columns ({@code twelveMonthSpend.amount}), lists are joined with
 * {@code ;}. Items may be maps or records (a typed list such as the opportunity list's): a record's components
 * are its fields, named as its JSON answer names them. The next page's cursor goes into the {@value #NEXT_CURSOR} header. Any other answer (a report) is one
 * row. Rows are written to the response as they are formatted, not collected into one string first.
 */
public class CsvRowsConverter extends AbstractHttpMessageConverter<Object> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    public static final String NEXT_CURSOR = "X-Next-Cursor";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    public CsvRowsConverter() {
        super(TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Page.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false; // export only
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is not read here", input);
    }

    @Override
    protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
        Object nextCursor = body instanceof Page<?> page ? page.nextCursor()
                : body instanceof Map<?, ?> map ? map.get("nextCursor") : null;
        if (nextCursor != null) {
            output.getHeaders().set(NEXT_CURSOR, nextCursor.toString());
        }
        List<Map<String, Object>> rows = rows(body);
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        Writer writer = new BufferedWriter(new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord(columns);
        List<Object> cells = new ArrayList<>(columns.size());
        for (Map<String, Object> row : rows) {
            cells.clear();
            for (String column : columns) {
                cells.add(row.get(column));
            }
            printer.printRecord(cells);
        }
        printer.flush(); // not closed: the container owns the response stream
    }

    private static List<Map<String, Object>> rows(Object body) {
        Collection<?> items = body instanceof Page<?> page ? page.items()
                : body instanceof Map<?, ?> map && map.get("items") instanceof Collection<?> list ? list
                : body instanceof Collection<?> collection ? collection
                : List.of(body);
        List<Map<String, Object>> rows = new ArrayList<>(items.size());
        for (Object item : items) {
            Map<String, Object> row = new LinkedHashMap<>();
            flatten("", item, row);
            rows.add(row);
        }
        return rows;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> row) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                flatten(prefix.isEmpty() ? component.getName() : prefix + "." + component.getName(),
                        componentValue(record, component), row);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if (!"items".equals(key) || !prefix.isEmpty()) {
                    flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, inner, row);
                }
            });
        } else if (value instanceof Collection<?> list) {
            row.put(prefix, list.stream().map(CsvRowsConverter::cell).collect(Collectors.joining(";")));
        } else {
            row.put(prefix.isEmpty() ? "value" : prefix, cell(value));
        }
    }

    private static Object componentValue(Record record, RecordComponent component) {
        try {
            Method accessor = component.getAccessor();
            accessor.trySetAccessible(); // a public record nested in a controller is reachable; others may not be
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getName(), e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString(); // never 1E+3
        }
        if (value instanceof TemporalAccessor || value instanceof java.util.Date) {
            return value instanceof java.util.Date date ? date.toInstant().toString() : value.toString();
        }
        return String.valueOf(value);
    }
}
