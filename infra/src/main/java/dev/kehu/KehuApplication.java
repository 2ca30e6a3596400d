package dev.kehu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The runnable Kehu CRM backend: command side, query side and their infrastructure in one process. */
@SpringBootApplication
public class KehuApplication {

    public static void main(String[] args) {
        SpringApplication.run(KehuApplication.class, args);
    }
}
