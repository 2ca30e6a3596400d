package dev.kehu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinyinTest {

    @Test
    void givesFullSpacedAndInitialsOfAPersonName() {
        Pinyin.Forms forms = Pinyin.ofPersonName("张三");

        assertThat(forms.full()).containsExactly("zhangsan");
        assertThat(forms.spaced()).containsExactly("zhang san");
        assertThat(forms.initials()).containsExactly("zs");
    }

    @Test
    void readsCompoundSurnamesAsOne() {
        Pinyin.Forms forms = Pinyin.ofPersonName("欧阳娜娜");

        assertThat(forms.full()).first().isEqualTo("ouyangnana");
        assertThat(forms.initials()).first().isEqualTo("oynn");
    }

    @Test
    void readsPolyphonicSurnamesWithTheirSurnameReadingOnly() {
        assertThat(Pinyin.ofPersonName("单伟").full()).containsExactly("shanwei");
        assertThat(Pinyin.ofPersonName("曾志伟").full()).first().isEqualTo("zengzhiwei");
        assertThat(Pinyin.ofPersonName("曾志伟").full()).noneMatch(full -> full.startsWith("ceng"));
        assertThat(Pinyin.ofPersonName("区家明").full()).allMatch(full -> full.startsWith("ou"));
        assertThat(Pinyin.ofPersonName("解晓东").initials()).allMatch(initials -> initials.startsWith("x"));
    }

    @Test
    void keepsEveryReadingOfPolyphonicCharactersOutsideTheSurname() {
        assertThat(Pinyin.ofText("重庆").full()).contains("zhongqing", "chongqing");
        assertThat(Pinyin.ofText("重庆").initials()).contains("zq", "cq");
    }

    @Test
    void indexesUmlautBothAsVAndAsU() {
        assertThat(Pinyin.ofPersonName("吕女士").full()).contains("lvnvshi", "lunvshi");
    }

    @Test
    void keepsLatinAndDigitsAndDropsPunctuation() {
        assertThat(Pinyin.ofText("京东·JD 2号店").full()).first().isEqualTo("jingdongjd2haodian");
    }

    @Test
    void givesNothingForTextWithoutChineseCharacters() {
        assertThat(Pinyin.ofPersonName("John Smith").isEmpty()).isTrue();
        assertThat(Pinyin.ofText(null).isEmpty()).isTrue();
    }

    @Test
    void capsTheNumberOfVariantsOfLongPolyphonicTexts() {
        Pinyin.Forms forms = Pinyin.ofText("长行重长行重长行重长行重长行重长行重");

        assertThat(forms.full()).hasSizeLessThanOrEqualTo(Pinyin.MAX_VARIANTS);
        assertThat(forms.full().get(0)).hasSize("zhangxingzhong".length() * 5 + "zhang".length());
    }
}
