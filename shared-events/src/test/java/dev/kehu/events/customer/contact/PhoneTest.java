package dev.kehu.events.customer.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneTest {

    @Test
    void normalizesChineseMobilesInEveryCommonFormat() {
        assertThat(Phone.normalize("138-0013-8000")).isEqualTo("13800138000");
        assertThat(Phone.normalize("13800138000")).isEqualTo("13800138000");
        assertThat(Phone.normalize("+86 138 0013 8000")).isEqualTo("13800138000");
        assertThat(Phone.normalize("0086 138 0013 8000")).isEqualTo("13800138000");
        assertThat(Phone.normalize("(+86) 138.0013.8000")).isEqualTo("13800138000");
        assertThat(Phone.normalize("8613800138000")).isEqualTo("13800138000");
    }

    @Test
    void keepsTheCountryCodeOfForeignNumbersAndLandlineAreaCodes() {
        assertThat(Phone.normalize("+1 (555) 010-9999")).isEqualTo("+15550109999");
        assertThat(Phone.normalize("010-6567 8888")).isEqualTo("01065678888");
    }

    @Test
    void keepsTheNumberAsEntered() {
        assertThat(Phone.of(" +86 138 0013 8000")).isEqualTo(new Phone(" +86 138 0013 8000", "13800138000"));
    }

    @Test
    void dropsAnExtensionFromTheNormalizedNumberOnly() {
        assertThat(Phone.normalize("010-6567 8888 转 801")).isEqualTo("01065678888");
        assertThat(Phone.normalize("010-6567 8888 分机 801")).isEqualTo("01065678888");
        assertThat(Phone.normalize("+1 (555) 010-9999 ext. 801")).isEqualTo("+15550109999");
        assertThat(Phone.normalize("+1 555 010 9999 x801")).isEqualTo("+15550109999");
        assertThat(Phone.normalize("021-5555 1234#801")).isEqualTo("02155551234");
        assertThat(Phone.of("010-6567 8888 转 801").entered()).isEqualTo("010-6567 8888 转 801");
    }
}
