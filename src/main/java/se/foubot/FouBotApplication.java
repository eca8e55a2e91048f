package se.foubot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The bot. The jar starts at {@code se.foubot.cli.Launcher}, which also runs the command-line modes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FouBotApplication {

    public static void main(String[] args) {
        SpringApplication.run(FouBotApplication.class, args);
    }

    /** The whole bot without its web server, for tests that start and stop it on one data directory. */
    public static SpringApplication commandLineApplication() {
        SpringApplication app = new SpringApplication(FouBotApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app;
    }
}
