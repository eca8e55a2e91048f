package se.foubot.web;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

import se.foubot.messaging.HttpProperties;

/**
 * The session cookie is Secure whenever the bot is reached over https: always when FOUBOT_PUBLIC_URL is https (so a
 * proxy that forgets X-Forwarded-Proto cannot make it plain), and otherwise per request, which the servlet container
 * does by itself for https requests. On the local http default it stays plain, or the browser would never send it.
 */
@Component
class SessionCookies implements ServletContextInitializer {

    private final HttpProperties http;

    SessionCookies(HttpProperties http) {
        this.http = http;
    }

    @Override
    public void onStartup(jakarta.servlet.ServletContext context) {
        if (http.publicUrl().regionMatches(true, 0, "https://", 0, 8)) {
            context.getSessionCookieConfig().setSecure(true);
        }
    }
}
