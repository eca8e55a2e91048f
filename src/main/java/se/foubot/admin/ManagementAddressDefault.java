package se.foubot.admin;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The address of a separate management port ({@code FOUBOT_MANAGEMENT_PORT}): {@code FOUBOT_MANAGEMENT_ADDRESS}, or
 * 127.0.0.1 when that is not set, so turning the port on never opens the actuator to the network by accident.
 * (Spring Boot refuses any address, even an empty one, while the actuator shares the application's port, so this
 * cannot be a default in application.yaml.)
 */
public class ManagementAddressDefault implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("management.server.port", "").strip();
        boolean separate = !port.isEmpty() && (port.equals("0") || !port.equals(environment.getProperty("server.port", "8080")));
        if (!separate || !environment.getProperty("management.server.address", "").isBlank()) {
            return;
        }
        String address = environment.getProperty("FOUBOT_MANAGEMENT_ADDRESS", "").strip();
        environment.getPropertySources().addFirst(new MapPropertySource("foubot-management-address",
                Map.of("management.server.address", address.isEmpty() ? "127.0.0.1" : address)));
    }

    @Override
    public int getOrder() {
        // after application.yaml and the environment are read
        return Ordered.LOWEST_PRECEDENCE;
    }
}
