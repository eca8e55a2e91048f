package testidp;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A local OpenID provider for the browser tests (Spring Authorization Server), standing in for the city's Entra ID
 * or Keycloak: one client (the bot), a login form, and people whose ID tokens carry an e-mail address and a groups
 * claim. It lives outside the bot's packages so the bot's component scan never finds it, and reads none of the
 * bot's configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LocalOpenIdProvider {

    /** Someone who can sign in here. */
    public record Person(String username, String password, String name, String email, List<String> groups) {
    }

    public static final String CLIENT_ID = "fou-bot";
    public static final String CLIENT_SECRET = "fou-bot-test-secret";
    public static final String COORDINATOR_GROUP = "fou-samordnare";
    public static final Person COORDINATOR = new Person("kerstin", "kerstin-pw", "Kerstin Berg", "kerstin.berg@stockholm.se",
            List.of("alla-anstallda", COORDINATOR_GROUP));
    public static final Person ANALYST = new Person("anna", "anna-pw", "Anna Lind", "anna.lind@stockholm.se", List.of("alla-anstallda"));
    public static final Person NOBODY = new Person("olle", "olle-pw", "Olle Ek", "olle.ek@stockholm.se", List.of("alla-anstallda"));
    private static final List<Person> PEOPLE = List.of(COORDINATOR, ANALYST, NOBODY);

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(PEOPLE.stream()
                .map(p -> User.withUsername(p.username()).password("{noop}" + p.password()).roles("USER").build()).toList());
    }

    /** What Entra ID or Keycloak put in an ID token when asked to: name, e-mail and the groups. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                PEOPLE.stream().filter(p -> p.username().equals(context.getPrincipal().getName())).findFirst()
                        .ifPresent(p -> context.getClaims().claim("name", p.name()).claim("email", p.email()).claim("groups", p.groups()));
            }
        };
    }

    /** Starts the provider on a free port. */
    public static ConfigurableApplicationContext start() {
        String client = "spring.security.oauth2.authorizationserver.client.foubot.";
        return new SpringApplicationBuilder(LocalOpenIdProvider.class).properties(Map.ofEntries(
                Map.entry("spring.config.name", "local-openid-provider"),
                Map.entry("server.port", "0"),
                // the bot and the provider both run on this machine: their session cookies must not overwrite each other
                Map.entry("server.servlet.session.cookie.name", "IDPSESSION"),
                Map.entry("spring.main.banner-mode", "off"),
                Map.entry("logging.level.root", "WARN"),
                Map.entry("spring.autoconfigure.exclude", String.join(",",
                        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
                        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
                        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
                        "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
                        // the bot's own actuator guard comes with the actuator; a provider needs neither
                        "org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration")),
                Map.entry(client + "registration.client-id", CLIENT_ID),
                Map.entry(client + "registration.client-secret", "{noop}" + CLIENT_SECRET),
                Map.entry(client + "registration.client-authentication-methods", "client_secret_basic"),
                Map.entry(client + "registration.authorization-grant-types", "authorization_code"),
                // a loopback redirect matches whatever port the bot got (RFC 8252)
                Map.entry(client + "registration.redirect-uris", "http://127.0.0.1/login/oauth2/code/idp"),
                Map.entry(client + "registration.scopes", "openid,profile,email"),
                Map.entry(client + "require-authorization-consent", "false"))).run();
    }

    public static int port(ConfigurableApplicationContext provider) {
        return ((WebServerApplicationContext) provider).getWebServer().getPort();
    }
}
