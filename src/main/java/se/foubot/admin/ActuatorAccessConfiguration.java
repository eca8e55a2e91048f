package se.foubot.admin;

import java.net.InetAddress;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Puts {@link ActuatorAccess} in front of the actuator, wherever it is served: on the application's port, or on a
 * separate management port ({@code FOUBOT_MANAGEMENT_PORT}). On a management port bound to a loopback address
 * ({@code FOUBOT_MANAGEMENT_ADDRESS}, 127.0.0.1 by default) nothing off this host can connect, so no token is asked.
 *
 * <p>Deliberately no {@code @Configuration}: it is listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}, so Spring Boot adds it to whichever context
 * serves the actuator, and component scanning leaves it out of the others.
 */
class ActuatorAccessConfiguration {

    @Bean
    FilterRegistrationBean<ActuatorAccess> actuatorAccess(AdminToken token, WebEndpointProperties endpoints, Environment environment) {
        InetAddress address = environment.getProperty("management.server.address", InetAddress.class);
        boolean trusted = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT && address != null
                && address.isLoopbackAddress();
        String basePath = endpoints.getBasePath();
        FilterRegistrationBean<ActuatorAccess> registration = new FilterRegistrationBean<>(new ActuatorAccess(token, trusted, basePath));
        registration.addUrlPatterns(basePath, basePath + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
