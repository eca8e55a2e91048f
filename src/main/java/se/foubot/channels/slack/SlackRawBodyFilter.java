package se.foubot.channels.slack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import se.foubot.privacy.RefusalLog;

/**
 * The first thing a request to {@code POST /slack/events} meets: reads the body as it came off the wire (at most
 * {@code foubot.slack.max-request-size}, else 413), checks Slack's signature over exactly those bytes (else 401),
 * and only then hands exactly those bytes to {@link SlackEventsEndpoint}, which answers. Runs before anything in Spring
 * can parse a form body into parameters, which would rebuild the body differently from what Slack signed.
 */
final class SlackRawBodyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SlackRawBodyFilter.class);
    /** Marks a request whose body this filter began to read: its error dispatch, if the read failed, comes back here. */
    private static final String READ_HERE = SlackRawBodyFilter.class.getName() + ".read";

    /** Anyone can send these, as fast as they like: the log gets a bounded number of lines, the metric every one. */
    private final RefusalLog refusals = new RefusalLog(log);

    private final SlackProperties properties;
    private final SlackSignatureVerifier verifier;
    private final SlackEventsEndpoint endpoint;

    private final MeterRegistry meters;

    SlackRawBodyFilter(SlackProperties properties, Clock clock, SlackEventsEndpoint endpoint, MeterRegistry meters) {
        this.properties = properties;
        this.verifier = properties.httpEnabled() ? new SlackSignatureVerifier(properties.signingSecret(), clock) : null;
        this.endpoint = endpoint;
        this.meters = meters;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            return verifier == null || request.getAttribute(READ_HERE) == null;
        }
        return verifier == null || !"POST".equals(request.getMethod());
    }

    /**
     * A body that ends before its Content-Length fails inside the server's own read, which marks the response a 400
     * for the error page before this filter hears of it; the error page's dispatch comes back here, so that the
     * answer has the same form as every other refusal here instead of the application's error JSON.
     */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /**
     * Counts and times every answer by its status ({@code foubot_slack_requests_seconds}): how many acks, how long
     * they took, how many were refused, since the request no longer reaches Spring's own request metrics.
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // counted and timed already, by the dispatch that failed
            try {
                refuse(response, response.getStatus(), null, 0);
            } catch (IOException clientGone) {
                // the client that sent too little has hung up: nobody to tell
            }
            return;
        }
        long start = System.nanoTime();
        try {
            verifyAndAnswer(request, response);
        } finally {
            Timer.builder("foubot.slack.requests").description("Requests to POST /slack/events, by the status answered")
                    .tag("status", Integer.toString(response.getStatus())).register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void verifyAndAnswer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long limit = properties.maxRequestSize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too_large", declared);
            return;
        }
        byte[] body;
        request.setAttribute(READ_HERE, Boolean.TRUE);
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            refusals.info("event=slack_request_refused reason=unreadable_body status=400 error={}", e.getClass().getSimpleName());
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, null, 0);
            return;
        }
        if (body.length > limit) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too_large", body.length);
            return;
        }
        SlackSignatureVerifier.Verdict verdict = verifier.verify(request.getHeader("X-Slack-Request-Timestamp"),
                request.getHeader("X-Slack-Signature"), body);
        if (verdict != SlackSignatureVerifier.Verdict.VALID) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, verdict.name().toLowerCase(), body.length);
            return;
        }
        // answered here: nothing further along the chain has anything to add to a verified Slack request
        endpoint.answer(request, body, response);
    }

    /** Says why in the log with nothing the sender chose (no body, no header values), and little to the sender. */
    private void refuse(HttpServletResponse response, int status, String reason, long bytes) throws IOException {
        if (reason != null) {
            refusals.info("event=slack_request_refused reason={} status={} bytes={}", reason, status, bytes);
        }
        if (status == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
            // the rest of the body is not read; closing spares the server swallowing it
            response.setHeader("Connection", "close");
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"" + (status == 401 ? "invalid request" : status == 413 ? "request too large"
                : status >= 500 ? "internal error" : "bad request") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
