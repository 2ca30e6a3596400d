package dev.kehu.infra.imports;

import dev.kehu.command.customer.web.CustomerRequests.ContactRequest;
import dev.kehu.command.customer.web.CustomerRequests.RegisterCustomerRequest;

/**
 * One customer of an import file, in the shape the REST API takes it (so the same validation rules apply), and
 * its contact if the row names one.
 *
 * @param row      the row number as a spreadsheet shows it (header = 1)
 * @param customer the registration
 * @param contact  null without contact columns
 */
record ImportRow(long row, RegisterCustomerRequest customer, ContactRequest contact) {
}
