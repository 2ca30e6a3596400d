package dev.kehu.query.search;

import static dev.kehu.query.search.Clauses.allOf;
import static dev.kehu.query.search.Clauses.allWords;
import static dev.kehu.query.search.Clauses.anyOf;
import static dev.kehu.query.search.Clauses.anyWord;
import static dev.kehu.query.search.Clauses.constant;
import static dev.kehu.query.search.Clauses.fuzzy;
import static dev.kehu.query.search.Clauses.nested;
import static dev.kehu.query.search.Clauses.prefix;
import static dev.kehu.query.search.Clauses.term;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;

/**
 * A company word and a person typed together, the way salespeople name a contact: 京东 张三, 京东张三,
 * 腾讯 马总, jd zhangsan, Acme John. Each word must match either the customer (its names, pinyin,
 * initials) or one of its contacts (name, pinyin, title); one word of Chinese characters is also tried
 * as a company word followed by a name of two or three characters or a surname with a title.
 */
final class CompanyAndPersonClauses {

    /** Every word matched, each at the customer or at a contact. */
    static final float EVERY_WORD = 70;
    /** One Chinese word read as company + person. */
    static final float COMPANY_THEN_PERSON = 110;
    /** A surname with a title (张经理, 王总) on one contact. */
    static final float SURNAME_AND_TITLE = 120;
    /** A surname with 先生/女士: the surname alone says little. */
    static final float SURNAME_ONLY = 40;

    private static final String CONTACTS = CustomerSearchQueryBuilder.CONTACTS + ".";

    private CompanyAndPersonClauses() {
    }

    /** The clauses; fuzzy ones for Latin words of three letters or more only with {@code typos}. */
    static List<Query> of(ParsedQuery parsed, boolean typos) {
        List<Query> clauses = new ArrayList<>();
        List<String> words = parsed.words();
        if (parsed.phoneDigits() != null || words.isEmpty()) {
            return clauses;
        }
        if (words.size() >= 2 && words.size() <= 4) {
            List<Query> each = words.stream()
                    .map(word -> anyOf(List.of(anyOf(customerWord(word, typos)), nested("contacts", anyOf(contactWord(word, typos))))))
                    .toList();
            clauses.add(constant(allOf(each), EVERY_WORD));
        } else if (parsed.oneChineseWord() && parsed.text().length() >= 4) {
            String text = parsed.text();
            for (int personLength = 2; personLength <= 3; personLength++) {
                String company = text.substring(0, text.length() - personLength);
                String person = text.substring(text.length() - personLength);
                if (company.length() >= 2) {
                    clauses.add(constant(allOf(List.of(allWords("name", company), nested("contacts", person(person)))),
                            COMPANY_THEN_PERSON));
                }
            }
        }
        return clauses;
    }

    /** 张经理, 王总 on the same contact: the name starts with the surname and the title holds one of the title's words. */
    static Optional<Query> surnameAndTitle(String text) {
        return PersonTitles.of(text).map(spoken -> {
            Query surname = prefix(CONTACTS + "name.exact", spoken.surname());
            if (spoken.titleWords().isEmpty()) {
                return constant(surname, SURNAME_ONLY);
            }
            Query title = anyWord(CONTACTS + "title", String.join(" ", spoken.titleWords()));
            return constant(allOf(List.of(surname, title)), SURNAME_AND_TITLE);
        });
    }

    private static Query person(String text) {
        List<Query> ways = new ArrayList<>(List.of(term(CONTACTS + "name.exact", text), allWords(CONTACTS + "name", text)));
        surnameAndTitle(text).ifPresent(ways::add);
        return anyOf(ways);
    }

    private static List<Query> customerWord(String word, boolean typos) {
        if (ParsedQuery.isHan(word)) {
            return List.of(allWords("name", word));
        }
        String lower = word.toLowerCase(Locale.ROOT);
        List<Query> ways = new ArrayList<>(List.of(allWords("name.latin", word), allWords("latinName", word),
                prefix("latinName.exact", lower), term("pinyin", lower), prefix("pinyinInitials", lower)));
        if (lower.length() >= 3) {
            ways.add(prefix("pinyin", lower));
        }
        if (typos && lower.length() >= 3) {
            ways.add(fuzzy("latinName", word));
        }
        return ways;
    }

    private static List<Query> contactWord(String word, boolean typos) {
        if (ParsedQuery.isHan(word)) {
            List<Query> ways = new ArrayList<>(List.of(allWords(CONTACTS + "name", word), allWords(CONTACTS + "title", word)));
            surnameAndTitle(word).ifPresent(ways::add);
            return ways;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        List<Query> ways = new ArrayList<>(List.of(allWords(CONTACTS + "name.latin", word), term(CONTACTS + "pinyin", lower),
                term(CONTACTS + "pinyinInitials", lower), allWords(CONTACTS + "title", word), prefix(CONTACTS + "emails", lower)));
        if (lower.length() >= 3) {
            ways.add(prefix(CONTACTS + "pinyin", lower));
        }
        if (typos && lower.length() >= 3) {
            ways.add(fuzzy(CONTACTS + "name.latin", word));
        }
        return ways;
    }
}
