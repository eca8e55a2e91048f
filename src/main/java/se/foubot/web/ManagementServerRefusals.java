package se.foubot.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The management port's server ({@code FOUBOT_MANAGEMENT_PORT}) answers what it refuses before any route as the
 * application's port does ({@link ServerRefusals}): JSON, counted, logged without what the client sent; and its
 * {@code /error} is not served ({@link ErrorPathNotServed}).
 *
 * <p>Deliberately no {@code @Configuration}: it is listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}, so Spring Boot adds it to the context that serves
 * the actuator (on the application's port the customizer only puts the same report in place once more).
 */
class ManagementServerRefusals {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonManagementServerRefusals(MeterRegistry meters) {
        return ServerRefusals.jsonReports(meters);
    }

    @Bean
    FilterRegistrationBean<ErrorPathNotServed> managementErrorPathNotServed() {
        return ErrorPathNotServed.registration();
    }
}
