package dev.kehu.infra.imports;

import dev.kehu.command.customer.UniqueCustomerFields;
import dev.kehu.command.customer.web.CustomerRequests.ContactRequest;
import dev.kehu.command.customer.web.CustomerRequests.RegisterCustomerRequest;
import dev.kehu.events.customer.CustomerKind;
import dev.kehu.events.customer.CustomerProfile;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and checks a whole customer import file before anything is imported (Apache Commons CSV, RFC 4180 with a
 * header row): every row is validated with the REST API's own rules, company rows need a credit code, and two rows
 * of the file that claim the same credit code, mobile or e-mail are reported. Each problem names row, column, reason.
 */
final class CustomerFile {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).get();

    private final Validator validator;

    CustomerFile(Validator validator) {
        this.validator = validator;
    }

    /** The rows and the problems of a file; the rows are for import only when there is no problem. */
    record Parsed(List<ImportRow> rows, List<RowProblem> problems) {
    }

    Parsed parse(String text, int maxRows) {
        List<ImportRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            Map<CustomerColumns, String> headers = headers(parser.getHeaderNames(), problems);
            if (!problems.isEmpty()) {
                return new Parsed(List.of(), problems);
            }
            Map<String, Long> claimedBy = new HashMap<>();
            for (CSVRecord record : parser) {
                long row = record.getRecordNumber() + 1;
                if (rows.size() >= maxRows) {
                    problems.add(new RowProblem(row, null, "more than " + maxRows + " rows: split the file"));
                    break;
                }
                if (!record.isConsistent()) {
                    problems.add(new RowProblem(row, null, "has " + record.size() + " cells, the header " + headers.size()));
                    continue;
                }
                ImportRow parsed = row(row, record, headers, problems);
                if (parsed != null) {
                    inFileDuplicates(parsed, headers, claimedBy, problems);
                    rows.add(parsed);
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            problems.add(new RowProblem(0, null, "not a readable CSV file: " + e.getMessage()));
        }
        return new Parsed(rows, problems);
    }

    private static Map<CustomerColumns, String> headers(List<String> names, List<RowProblem> problems) {
        Map<CustomerColumns, String> headers = new EnumMap<>(CustomerColumns.class);
        for (String name : names) {
            CustomerColumns.byHeader(name).ifPresentOrElse(column -> {
                if (headers.putIfAbsent(column, name) != null) {
                    problems.add(new RowProblem(1, name, "appears twice"));
                }
            }, () -> problems.add(new RowProblem(1, name, "unknown column; known: " + CustomerColumns.englishHeaders())));
        }
        if (!headers.containsKey(CustomerColumns.KIND)) {
            problems.add(new RowProblem(1, CustomerColumns.KIND.english, "the header row has no kind (类型) column"));
        }
        return headers;
    }

    private ImportRow row(long row, CSVRecord record, Map<CustomerColumns, String> headers, List<RowProblem> problems) {
        Map<CustomerColumns, String> cells = new EnumMap<>(CustomerColumns.class);
        headers.forEach((column, header) -> {
            String value = record.get(header);
            if (value != null && !value.isBlank()) {
                cells.put(column, value.strip());
            }
        });
        int before = problems.size();
        CustomerKind kind = kind(cells.get(CustomerColumns.KIND));
        if (kind == null) {
            problems.add(new RowProblem(row, headers.get(CustomerColumns.KIND), "must be COMPANY (企业) or INDIVIDUAL (个人)"));
        }
        String tags = cells.get(CustomerColumns.TAGS);
        RegisterCustomerRequest customer = new RegisterCustomerRequest(kind, cells.get(CustomerColumns.CHINESE_NAME),
                cells.get(CustomerColumns.LATIN_NAME), cells.get(CustomerColumns.CREDIT_CODE), cells.get(CustomerColumns.MOBILE),
                cells.get(CustomerColumns.EMAIL), cells.get(CustomerColumns.INDUSTRY), cells.get(CustomerColumns.REGION),
                cells.get(CustomerColumns.SEGMENT), cells.get(CustomerColumns.SOURCE_CHANNEL),
                tags == null ? null : Arrays.stream(tags.split(CustomerColumns.TAG_SEPARATORS)).map(String::strip)
                        .filter(tag -> !tag.isEmpty()).toList(),
                null, null, cells.get(CustomerColumns.NOTES));
        for (ConstraintViolation<RegisterCustomerRequest> violation : validator.validate(customer)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            if (!"kind".equals(field)) {
                problems.add(new RowProblem(row, headers.get(CustomerColumns.ofRegistrationField(field)), violation.getMessage()));
            }
        }
        if (customer.chineseName() == null && customer.latinName() == null) {
            problems.add(new RowProblem(row, header(headers, CustomerColumns.CHINESE_NAME), "a chineseName or a latinName is required"));
        }
        if (kind == CustomerKind.COMPANY && customer.creditCode() == null) {
            problems.add(new RowProblem(row, header(headers, CustomerColumns.CREDIT_CODE), "is required for a company customer"));
        }
        ContactRequest contact = contact(row, cells, headers, problems);
        if (contact != null && kind == CustomerKind.INDIVIDUAL) {
            problems.add(new RowProblem(row, header(headers, CustomerColumns.CONTACT_NAME), "only a company customer has contacts"));
        }
        return problems.size() == before ? new ImportRow(row, customer, contact) : null;
    }

    private ContactRequest contact(long row, Map<CustomerColumns, String> cells, Map<CustomerColumns, String> headers,
                                   List<RowProblem> problems) {
        String name = cells.get(CustomerColumns.CONTACT_NAME);
        String title = cells.get(CustomerColumns.CONTACT_TITLE);
        String phone = cells.get(CustomerColumns.CONTACT_PHONE);
        String email = cells.get(CustomerColumns.CONTACT_EMAIL);
        if (name == null && title == null && phone == null && email == null) {
            return null;
        }
        ContactRequest contact = new ContactRequest(name, title, phone == null ? List.of() : List.of(phone),
                email == null ? List.of() : List.of(email), null);
        for (ConstraintViolation<ContactRequest> violation : validator.validate(contact)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            problems.add(new RowProblem(row, header(headers, CustomerColumns.ofContactField(field)), violation.getMessage()));
        }
        return contact;
    }

    private static void inFileDuplicates(ImportRow row, Map<CustomerColumns, String> headers, Map<String, Long> claimedBy,
                                         List<RowProblem> problems) {
        for (String key : claimKeys(row)) {
            Long first = claimedBy.putIfAbsent(key, row.row());
            if (first != null) {
                CustomerColumns column = key.startsWith("creditCode:") ? CustomerColumns.CREDIT_CODE
                        : key.startsWith("mobile:") ? CustomerColumns.MOBILE : CustomerColumns.EMAIL;
                problems.add(new RowProblem(row.row(), header(headers, column), "the same as row " + first + " of this file"));
            }
        }
    }

    /** The uniqueness claims a row would make (credit code; an individual's mobile and e-mail). */
    static java.util.Set<String> claimKeys(ImportRow row) {
        return UniqueCustomerFields.of(row.customer().kind(), CustomerProfiles.of(row.customer())).valuesByKey().keySet();
    }

    private static String header(Map<CustomerColumns, String> headers, CustomerColumns column) {
        return headers.getOrDefault(column, column.english);
    }

    private static CustomerKind kind(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "COMPANY", "企业", "公司" -> CustomerKind.COMPANY;
            case "INDIVIDUAL", "个人" -> CustomerKind.INDIVIDUAL;
            default -> null;
        };
    }
}
