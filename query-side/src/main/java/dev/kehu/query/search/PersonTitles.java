package dev.kehu.query.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How colleagues name a contact: a surname and a title (张经理, 王总, 李工, 陈老师, 欧阳总监). 王总 is the
 * boss — a general manager, director, president or CEO — so each spoken title stands for the titles it is
 * said of; their words are matched against the contact's title.
 */
final class PersonTitles {

    /** A surname and the title words one of which the contact's title must hold (none: 先生, 女士). */
    record SurnameAndTitle(String surname, List<String> titleWords) {
    }

    /** Spoken title → title words; longer titles first so 总经理 is not read as 总. */
    static final Map<String, List<String>> TITLES = titles();

    private static final List<String> COMPOUND_SURNAMES = List.of("欧阳", "司马", "诸葛", "上官", "尉迟", "长孙",
            "令狐", "皇甫", "东方", "慕容", "司徒", "夏侯", "公孙", "宇文", "端木", "呼延");

    private PersonTitles() {
    }

    private static Map<String, List<String>> titles() {
        Map<String, List<String>> titles = new LinkedHashMap<>();
        titles.put("董事长", List.of("董事长", "chairman"));
        titles.put("总经理", List.of("总经理", "gm", "ceo"));
        titles.put("总监", List.of("总监", "director"));
        titles.put("经理", List.of("经理", "manager"));
        titles.put("主任", List.of("主任"));
        titles.put("主管", List.of("主管", "supervisor"));
        titles.put("老师", List.of("老师", "教授", "teacher", "professor"));
        titles.put("教授", List.of("教授", "professor"));
        titles.put("博士", List.of("博士", "dr"));
        titles.put("秘书", List.of("秘书", "secretary"));
        titles.put("助理", List.of("助理", "assistant"));
        titles.put("专员", List.of("专员", "specialist"));
        titles.put("行长", List.of("行长"));
        titles.put("部长", List.of("部长"));
        titles.put("处长", List.of("处长"));
        titles.put("科长", List.of("科长"));
        titles.put("院长", List.of("院长"));
        titles.put("校长", List.of("校长"));
        titles.put("总", List.of("总经理", "总监", "总裁", "副总", "总工", "ceo", "president", "director", "gm", "vp", "cfo", "cto", "coo"));
        titles.put("董", List.of("董事长", "董事", "chairman"));
        titles.put("工", List.of("工程师", "总工", "engineer"));
        titles.put("先生", List.of());
        titles.put("女士", List.of());
        titles.put("小姐", List.of());
        return Map.copyOf(titles);
    }

    private static final List<String> BY_LENGTH = TITLES.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).toList();

    /** A surname with a spoken title, when the text is one (a surname of one character or a compound one). */
    static Optional<SurnameAndTitle> of(String han) {
        for (String title : BY_LENGTH) {
            if (han.length() > title.length() && han.endsWith(title)) {
                String surname = han.substring(0, han.length() - title.length());
                if (surname.length() == 1 || COMPOUND_SURNAMES.contains(surname)) {
                    return Optional.of(new SurnameAndTitle(surname, TITLES.get(title)));
                }
            }
        }
        return Optional.empty();
    }
}
