package se.foubot.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.WebRequest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.privacy.RefusalLog;

/**
 * What Tomcat answers itself, before any route: a request line or header it cannot parse, headers too large, an HTTP
 * version it does not speak. Its own report is an HTML page; every other refusal of the bot's is JSON, so a client that
 * reads the body (Slack's retries, a monitoring probe, a script) reads one shape. Each is counted
 * ({@code foubot.http.refused}, by status) and logged without what the client sent.
 */
@Configuration(proxyBeanMethods = false)
class ServerRefusals {

    /**
     * Last of the server's customizers: Spring Boot's (which adds its own report valve, HTML without stack trace or
     * server name) run before it, so the valve it added is there to be replaced.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonServerRefusals(MeterRegistry meters) {
        return jsonReports(meters);
    }

    @Bean
    FilterRegistrationBean<ErrorPathNotServed> errorPathNotServed() {
        return ErrorPathNotServed.registration();
    }

    /** The customizer that puts the JSON report in place of Tomcat's, for this port or the management port's. */
    static WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonReports(MeterRegistry meters) {
        return factory -> factory.addContextCustomizers(context -> {
            var host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new JsonReport(meters));
            // Tomcat adds its default report valve at start unless one of this class is there
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(JsonReport.class.getName());
            }
        });
    }

    /**
     * Spring's answer to an error after routing (a TRACE, a 404 under {@code /api}): its status and what it is, in the
     * words of the bot's other refusals ({@code "error": "method not allowed"}), without the time or the path the client
     * sent. The staff web's error page reads the status from the same attributes.
     */
    @Bean
    ErrorAttributes errorAttributes() {
        return new DefaultErrorAttributes() {
            @Override
            public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
                Map<String, Object> attributes = new LinkedHashMap<>();
                Object status = super.getErrorAttributes(request, ErrorAttributeOptions.defaults()).get("status");
                attributes.put("status", status);
                attributes.put("error", status instanceof Integer code ? errorOf(code) : "internal error");
                return attributes;
            }
        };
    }

    /** The report: the status and {@code {"error":"bad request"}} as the bot's own refusals say it, nothing of the request or the server. */
    static final class JsonReport extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(ServerRefusals.class);
        private final MeterRegistry meters;
        /** Anyone can send what Tomcat refuses, as fast as they like: the log gets a bounded number of lines, the metric every one. */
        private final RefusalLog refusals = new RefusalLog(log);

        JsonReport(MeterRegistry meters) {
            this.meters = meters;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            if (request.getWrapper() == null) {
                // no servlet was chosen: Tomcat refused it itself (an error after routing is Spring's, and its to log)
                Counter.builder("foubot.http.refused").description("requests refused before any route (Tomcat's own answers)")
                        .tag("status", Integer.toString(status)).register(meters).increment();
                // the reason may quote the request target or a header: not logged
                // the port tells the application's server from the management port's, which log through this class alike
                refusals.info("event=http_refused_by_server status={} method={} port={}", status, methodOf(request), request.getLocalPort());
            }
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.resetBuffer();
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"error\":\"" + errorOf(status) + "\"}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response was already on its way: nothing more to say
            }
        }

        private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
                "PATCH", "TRACE", "CONNECT");

        /** HTTP's own methods by name; any other word the client chose is "other". */
        private static String methodOf(Request request) {
            String method = request.getMethod();
            return method != null && METHODS.contains(method) ? method : "other";
        }
    }

    /**
     * What a status says, in the words of the bot's own refusals ("bad request", "request too large", "internal error"),
     * HTTP's reason in lower case for the others ("unauthorized", "expectation failed").
     */
    static String errorOf(int status) {
        return switch (status) {
            case 413 -> "request too large";
            case 431 -> "headers too large";
            case 500 -> "internal error";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known != null ? known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT)
                        : status < 500 ? "bad request" : "internal error";
            }
        };
    }
}
