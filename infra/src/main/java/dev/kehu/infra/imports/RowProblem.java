package dev.kehu.infra.imports;

/**
 * What is wrong with one row of an import file: its row number as a spreadsheet shows it (the header is row 1),
 * the column at fault (its header name; null for the row as a whole) and why.
 */
public record RowProblem(long row, String column, String reason) {
}
