package se.foubot.web;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A request that asks to be told whether to send its body ({@code Expect: 100-continue}) hears "100 Continue" only
 * when the body is read, not on arrival (Tomcat's default): a body too large for its route is then refused with 413
 * before the client sends a byte of it, as the header means, instead of after it was invited to send megabytes.
 */
@Configuration(proxyBeanMethods = false)
class ContinueWhenRead {

    @Bean
    TomcatProtocolHandlerCustomizer<AbstractHttp11Protocol<?>> continueResponseOnRead() {
        return protocol -> protocol.setContinueResponseTiming("onRead");
    }
}
