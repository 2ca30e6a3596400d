package dev.kehu.infra.export;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CSV export of the query side's lists ({@link CsvRowsConverter}), added after Spring MVC's converters: a client
 * that accepts anything ({@code Accept: *}{@code /*}) keeps getting JSON; only {@code Accept: text/csv} gets CSV.
 */
@Configuration(proxyBeanMethods = false)
public class ExportConfiguration implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.add(new CsvRowsConverter()));
    }
}
