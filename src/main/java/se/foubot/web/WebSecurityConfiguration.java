package se.foubot.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Security chains by path (and port). The machine endpoints keep their own guards exactly as before (the admin API its
 * bearer token, Slack its request signature, the unsubscribe link its secret, the actuator and the probes as configured): no
 * session, no sign-in, no CSRF token (a mail client's one-click POST and Slack carry none). Everything else is the
 * staff web: signed in, with a role, sessions in HttpOnly SameSite cookies and CSRF tokens on every form.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class WebSecurityConfiguration {

    /** The paths that are not the staff web. */
    static final String[] MACHINE_PATHS = {"/api/**", "/slack/**", "/grants/unsubscribe", "/actuator/**", "/livez", "/readyz"};

    /** Scripts and styles only from the bot itself; charts draw on canvas, so images are data: at most. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Everything on the management port ({@code FOUBOT_MANAGEMENT_PORT}) is a machine endpoint too: an unknown path
     * there is a 404 in JSON, not a redirect to a sign-in page that port does not serve.
     */
    @Bean
    @Order(0)
    SecurityFilterChain managementPort(HttpSecurity http, ManagementPortNumber management) throws Exception {
        http.securityMatcher(request -> management.isManagement(request.getLocalPort()));
        return machine(http).build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        return machine(http.securityMatcher(MACHINE_PATHS)).build();
    }

    private static HttpSecurity machine(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(c -> c.disable())
                // the request's principal stays what the endpoints' own guards set (the actuator's admin token)
                .servletApi(c -> c.disable())
                .anonymous(c -> c.disable())
                // no sign-out either: a machine's path "/logout" is nobody's session's end, and no redirect to a page it lacks
                .logout(l -> l.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    @Bean
    @Order(2)
    SecurityFilterChain staffWeb(HttpSecurity http, WebProperties properties, StaffRoles roles) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/signin", "/signin/**", "/webjars/**", "/web/**", "/error", "/favicon.ico").permitAll()
                        .requestMatchers("/dashboard/exports/forum/*/attendees.csv", "/dashboard/exports/forum/*/agenda.csv")
                        .hasRole(StaffRole.COORDINATOR.name())
                        .requestMatchers("/", "/dashboard", "/dashboard/**")
                        .hasAnyRole(StaffRole.COORDINATOR.name(), StaffRole.ANALYST.name())
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin"))
                        .accessDeniedHandler(deniedOrExpired()))
                .logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/signin?signedout"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                // before the anonymous filter: someone signed out here is a visitor to it, sent to sign in
                .addFilterBefore(new StaffRolesNow(roles, properties.oidc().groupsClaim()), AnonymousAuthenticationFilter.class);
        if (properties.oidc().enabled()) {
            http.oauth2Login(o -> o.loginPage("/signin")
                    .clientRegistrationRepository(new OidcClientRegistrations(properties.oidc()))
                    .userInfoEndpoint(u -> u.oidcUserService(new OidcStaffUsers(roles, properties.oidc().groupsClaim())))
                    .defaultSuccessUrl("/dashboard"));
        }
        return http.build();
    }

    /**
     * A form whose CSRF token no longer matches (its session timed out, or it came from elsewhere) goes back to sign-in;
     * anything else a signed-in person may not see gets the 403 page.
     */
    private static AccessDeniedHandler deniedOrExpired() {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/signin/denied");
        return (request, response, e) -> {
            if (e instanceof CsrfException) {
                response.sendRedirect(request.getContextPath() + "/signin?expired");
            } else {
                denied.handle(request, response, e);
            }
        };
    }
}
