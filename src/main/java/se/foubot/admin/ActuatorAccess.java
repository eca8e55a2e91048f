package se.foubot.admin;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who sees what under {@code /actuator}. Health answers everyone, with its status only; its components and details,
 * Prometheus metrics and the other endpoints need the admin bearer token — or a request on the management port
 * when that port is bound to loopback ({@code trusted}), which only this host can reach. An authorized request goes
 * on with a principal, which is what {@code show-details: when-authorized} looks for. Without a token set, the
 * endpoints other than health are 404, as the admin API is.
 */
final class ActuatorAccess extends OncePerRequestFilter {

    private static final Principal ADMIN = () -> "foubot-admin";

    private final AdminToken token;
    private final boolean trusted;
    private final String basePath;

    ActuatorAccess(AdminToken token, boolean trusted, String basePath) {
        this.token = token;
        this.trusted = trusted;
        this.basePath = basePath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (trusted || token.presentIn(request)) {
            chain.doFilter(new Authorized(request), response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(basePath + "/health") || path.startsWith(basePath + "/health/")) {
            chain.doFilter(request, response);
            return;
        }
        if (!token.enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    private static final class Authorized extends HttpServletRequestWrapper {

        Authorized(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return ADMIN;
        }

        @Override
        public boolean isUserInRole(String role) {
            return true;
        }
    }
}
