package dev.kehu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The runnable Kehu CRM backend: command side, query side and their infrastructure in one process.
 *
 * <p>Without Axon's UpdateChecker auto-configuration: its UpdateChecker, even when disabled, writes
 * {@code ~/.axoniq/.machine-id} as it is constructed (Axon 4.13), and we write nothing outside our data directory.
 */
@SpringBootApplication(excludeName = "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration")
public class KehuApplication {

    /** The system property Axon 4.13's UpdateChecker reads first (before any Spring property or its home-directory file). */
    static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    static {
        // Quiet by default: no outbound connection. Axon's UpdateChecker would otherwise send usage data out
        // and write ~/.axoniq/update-checker.properties. Set here, in the class Spring instantiates as a
        // configuration, so that main() and every @SpringBootTest get it before Axon's lifecycle starts.
        // An operator's own -Daxoniq.update-checker.disabled=false still wins.
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
        // and no banner advertising AxonIQ Console in our log
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(KehuApplication.class, args);
    }
}
