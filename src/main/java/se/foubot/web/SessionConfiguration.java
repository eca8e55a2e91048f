package se.foubot.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import se.foubot.messaging.HttpProperties;

/**
 * The staff web's sessions in the store ({@link StoredSessions}), under the cookie the container gave before: JSESSIONID,
 * HttpOnly, SameSite=Lax, and Secure whenever the bot is reached over https — always when FOUBOT_PUBLIC_URL is https
 * (so a proxy that forgets X-Forwarded-Proto cannot make it plain), otherwise per request. On the local http default
 * it stays plain, or the browser would never send it.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
class SessionConfiguration {

    @Bean
    SessionRepository<MapSession> storedSessions(MongoTemplate mongo,
            @Value("${server.servlet.session.timeout:30m}") Duration timeout) {
        return new StoredSessions(mongo, timeout);
    }

    @Bean
    CookieSerializer sessionCookie(HttpProperties http) {
        return cookie(http);
    }

    static DefaultCookieSerializer cookie(HttpProperties http) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("JSESSIONID");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setCookiePath("/");
        if (http.publicUrl().regionMatches(true, 0, "https://", 0, 8)) {
            cookie.setUseSecureCookie(true);
        }
        return cookie;
    }
}
