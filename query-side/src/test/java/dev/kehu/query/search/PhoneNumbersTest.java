package dev.kehu.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"138-0013-8000", "13800138000", "+86 138 0013 8000", "0086 138 0013 8000",
            "+86-138-0013-8000", "(+86) 138 0013 8000", "138 0013 8000", "138.0013.8000", "＋86 13800138000"})
    void normalizesEveryWayOfWritingAMobile(String written) {
        assertThat(PhoneNumbers.normalize(written)).contains("13800138000");
    }

    @ParameterizedTest
    @CsvSource({
            "010-12345678, 01012345678",
            "(010) 1234 5678, 01012345678",
            "+86 10 1234 5678, 01012345678",
            "0086-21-6888-1234, 02168881234",
            "0755-8765-4321, 075587654321",
            "010-12345678 转 808, 01012345678",
            "010-12345678 ext. 12, 01012345678",
            "+1 (415) 555-0100, +14155550100",
            "001 415 555 0100, +14155550100"})
    void normalizesLandlinesAndForeignNumbers(String written, String normalized) {
        assertThat(PhoneNumbers.normalize(written)).contains(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "张三", "abc123456", "1234", "john@example.com"})
    void rejectsWhatIsNotAPhoneNumber(String written) {
        assertThat(PhoneNumbers.normalize(written)).isEmpty();
    }

    @Test
    void givesTheLastFourDigits() {
        assertThat(PhoneNumbers.lastFour("13800138000")).contains("8000");
        assertThat(PhoneNumbers.lastFour("+14155550100")).contains("0100");
        assertThat(PhoneNumbers.lastFour("123")).isEmpty();
    }

    @Test
    void indexesLandlinesAlsoWithoutTheirAreaCode() {
        assertThat(PhoneNumbers.searchForms("01012345678")).containsExactly("01012345678", "12345678");
        assertThat(PhoneNumbers.searchForms("075587654321")).containsExactly("075587654321", "87654321");
        assertThat(PhoneNumbers.searchForms("13800138000")).containsExactly("13800138000");
    }

    @Test
    void turnsPartialInputIntoADigitPrefix() {
        assertThat(PhoneNumbers.queryDigits("138001")).contains("138001");
        assertThat(PhoneNumbers.queryDigits("138-0013")).contains("1380013");
        assertThat(PhoneNumbers.queryDigits("+86 138 00")).contains("13800");
        assertThat(PhoneNumbers.queryDigits("张三")).isEmpty();
    }

    @Test
    void looksUpEveryLocalFormOfANumber() {
        assertThat(PhoneNumbers.searchForms("+85223456789")).containsExactly("+85223456789", "23456789");
        assertThat(PhoneNumbers.searchForms("0223456789")).containsExactly("0223456789", "+886223456789");
    }

    @Test
    void readsPartialInputTypedFullWidthOrWithACountryCode() {
        assertThat(PhoneNumbers.queryDigits("１３８００")).contains("13800");
        assertThat(PhoneNumbers.queryDigits("0086-755-86")).contains("075586");
        assertThat(PhoneNumbers.queryDigits("+852 2345")).contains("+8522345");
        assertThat(PhoneNumbers.queryDigits("+886 (0)2 23")).contains("+886223");
    }
}
