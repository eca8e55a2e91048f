package se.foubot;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import se.foubot.channels.terminal.TerminalChat;
import se.foubot.cli.DemoDataCommand;
import se.foubot.grants.GrantsPreviewCommand;
import se.foubot.store.SharedStoreCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FouBotApplication {

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("chat")) {
            TerminalChat.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("store")) {
            SharedStoreCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("demo-data")) {
            DemoDataCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("grants-preview")) {
            GrantsPreviewCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(FouBotApplication.class, args);
    }

    /** The application without its web server, for command-line modes that share the engine and store. */
    public static SpringApplication commandLineApplication() {
        SpringApplication app = new SpringApplication(FouBotApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app;
    }
}
