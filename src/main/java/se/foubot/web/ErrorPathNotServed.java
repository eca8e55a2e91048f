package se.foubot.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the server forwards a request that failed, not a page: asked for directly it answered 200
 * or 500 with {@code "status":999} (no error to report). A request to it is answered 404 like any path that is not
 * served, on the application's port and the management port; the forwards themselves (error dispatches) pass.
 */
final class ErrorPathNotServed extends OncePerRequestFilter {

    static FilterRegistrationBean<ErrorPathNotServed> registration() {
        FilterRegistrationBean<ErrorPathNotServed> registration = new FilterRegistrationBean<>(new ErrorPathNotServed());
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length()).toLowerCase(java.util.Locale.ROOT);
        if (path.equals("/error") || path.startsWith("/error/") || path.startsWith("/error.") || path.startsWith("/error;")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
