package se.foubot.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;

import se.foubot.messaging.HttpProperties;

class SessionCookiesTest {

    @Test
    void theSessionCookieIsSecureWheneverTheBotIsReachedOverHttps() {
        MockServletContext behindHttps = new MockServletContext();
        new SessionCookies(new HttpProperties("https://fou.stad.example")).onStartup(behindHttps);
        assertThat(behindHttps.getSessionCookieConfig().isSecure()).isTrue();
    }

    @Test
    void onThePlainHttpDefaultTheContainerDecidesPerRequest() {
        MockServletContext local = new MockServletContext();
        new SessionCookies(new HttpProperties("http://localhost:8080")).onStartup(local);
        assertThat(local.getSessionCookieConfig().isSecure()).isFalse();
    }
}
