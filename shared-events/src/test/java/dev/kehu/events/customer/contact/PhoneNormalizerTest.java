package dev.kehu.events.customer.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The test vectors of the one phone normalizer (commands, search documents, search queries). */
class PhoneNormalizerTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            // mainland mobiles
            "138-0013-8000 | 13800138000",
            "+86 138 0013 8000 | 13800138000",
            "0086 138 0013 8000 | 13800138000",
            "(+86) 138.0013.8000 | 13800138000",
            "(86) 138 0013 8000 | 13800138000",
            "8613800138000 | 13800138000",
            "86 138 0013 8000 | 13800138000",
            "+86-13800138000 | 13800138000",
            "１３８００１３８０００ | 13800138000",
            "＋８６ １３８ ００１３ ８０００ | 13800138000",
            // mainland landlines: the trunk 0 is kept, or restored after the country code
            "010-12345678 | 01012345678",
            "(010) 1234 5678 | 01012345678",
            "+86 10 1234 5678 | 01012345678",
            "+86 (0)10 1234 5678 | 01012345678",
            "0086-755-8601 3388 | 075586013388",
            "0086-21-6888-1234 | 02168881234",
            "86-535-6688123 | 05356688123",
            "86-10-12345678 | 01012345678",
            "0571-8502-2088 | 057185022088",
            "０７５５－８６０１３３８８ | 075586013388",
            // Hong Kong, Macau, Taiwan
            "(852) 2345 6789 | +85223456789",
            "+852 2345 6789 | +85223456789",
            "00852-2345-6789 | +85223456789",
            "85223456789 | +85223456789",
            "+853 2888 1234 | +85328881234",
            "+886 2 2345 6789 | +886223456789",
            "+886 (0)2 2345 6789 | +886223456789",
            "00886-912-345-678 | +886912345678",
            "886-2-2345-6789 | +886223456789",
            "(886) 912 345 678 | +886912345678",
            // elsewhere
            "+1 (415) 555-0100 | +14155550100",
            "001 415 555 0100 | +14155550100",
            "+34 612 345 678 | +34612345678",
            "+44 20 7946 0958 | +442079460958",
            // local numbers without area code stay digits
            "2345 6789 | 23456789",
            "12345678 | 12345678"})
    void normalizes(String written, String normalized) {
        assertThat(PhoneNormalizer.normalize(written)).contains(normalized);
        assertThat(Phone.normalize(written)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0} → {1} ext {2}")
    @CsvSource(delimiter = '|', value = {
            "010-6567 8888 转 801 | 01065678888 | 801",
            "010-6567 8888转801 | 01065678888 | 801",
            "010-6567 8888 分机 801 | 01065678888 | 801",
            "+1 (555) 010-9999 ext. 801 | +15550109999 | 801",
            "+1 555 010 9999 ext 801 | +15550109999 | 801",
            "+1 555 010 9999 x801 | +15550109999 | 801",
            "+1 555 010 9999 X 801 | +15550109999 | 801",
            "021-5555 1234#801 | 02155551234 | 801",
            "021-5555 1234 ＃801 | 02155551234 | 801",
            "0755-86013388-801 | 075586013388 | 801",
            "010-65678888-8012 | 01065678888 | 8012",
            "138-0013-8000-12 | 13800138000 | 12",
            "+852 2345 6789-12 | +85223456789 | 12"})
    void keepsAnExtensionApart(String written, String number, String extension) {
        assertThat(PhoneNormalizer.parse(written)).contains(new PhoneNormalizer.Parsed(number, extension));
        assertThat(Phone.normalize(written)).isEqualTo(number);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"138-0013-8000", "0571-8502-2088", "010-1234-5678", "+1 415-555-0100"})
    void readsDashesInsideANumberAsSeparators(String written) {
        assertThat(PhoneNormalizer.parse(written)).hasValueSatisfying(parsed -> assertThat(parsed.extension()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "张三", "abc123456", "1234", "john@example.com", "x801", "+", "转 801"})
    void refusesWhatIsNotAPhoneNumber(String written) {
        assertThat(PhoneNormalizer.normalize(written)).isEmpty();
    }

    @Test
    void givesTheLocalFormsOfANumber() {
        assertThat(PhoneNormalizer.equivalentForms("01012345678")).containsExactly("01012345678", "12345678");
        assertThat(PhoneNormalizer.equivalentForms("075586013388")).containsExactly("075586013388", "86013388");
        assertThat(PhoneNormalizer.equivalentForms("13800138000")).containsExactly("13800138000");
        assertThat(PhoneNormalizer.equivalentForms("+85223456789")).containsExactly("+85223456789", "23456789");
        assertThat(PhoneNormalizer.equivalentForms("+886223456789")).containsExactly("+886223456789", "0223456789");
        assertThat(PhoneNormalizer.equivalentForms("0223456789")).containsExactly("0223456789", "+886223456789");
        assertThat(PhoneNormalizer.equivalentForms("0912345678")).containsExactly("0912345678", "+886912345678");
    }

    @Test
    void keepsWhatTheGoldenEventsStored() {
        assertThat(Phone.of("+86 138-0013-8000").normalized()).isEqualTo("13800138000");
        assertThat(Phone.of("021-5794 1234 转 808").normalized()).isEqualTo("02157941234");
        assertThat(Phone.of("+86 139 1234 5678").normalized()).isEqualTo("13912345678");
    }
}
