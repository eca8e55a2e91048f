package se.foubot.channels.slack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;

/**
 * {@code POST /slack/events}: events, slash commands and interactivity. {@link SlackRawBodyFilter} has already read
 * the body off the wire and checked its signature; this hands exactly those bytes and the headers to Bolt. A signed
 * request Bolt cannot read, or whose handler throws, gets 400: nothing a sender writes makes a 500. A signed request no
 * handler takes gets 200 and is dropped, never 404. 404 only when Slack's HTTP mode is off.
 */
@RestController
class SlackEventsController {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsController.class);
    private static final String BAD_REQUEST = "{\"error\":\"unreadable request\"}";

    private final ObjectProvider<App> app;
    private final SlackProperties properties;
    private final DoorMark door;
    private volatile SlackRequestParser parser;

    SlackEventsController(ObjectProvider<App> app, SlackProperties properties, DoorMark door) {
        this.app = app;
        this.door = door;
        this.properties = properties;
    }

    @PostMapping("/slack/events")
    ResponseEntity<String> events(HttpServletRequest http) {
        App bolt = app.getIfAvailable();
        if (bolt == null || !properties.httpEnabled()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("Slack is not enabled (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)");
        }
        if (!(http.getAttribute(SlackRawBodyFilter.VERIFIED_BODY) instanceof byte[] raw)) {
            // only the filter puts it there, after the signature matched
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"error\":\"invalid request\"}");
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            if (!name.equalsIgnoreCase(DoorMark.HEADER)) {
                headers.put(name, new ArrayList<>(Collections.list(http.getHeaders(name))));
            }
        }
        // verified at the door: Bolt's first step lets it on
        headers.put(DoorMark.HEADER, List.of(door.value()));
        Response response;
        try {
            // the signature was over these bytes; Slack sends UTF-8, whatever the content type says
            Request<?> request = parser(bolt).parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(http.getRequestURI())
                    .queryString(Map.of())
                    .headers(new RequestHeaders(headers))
                    .requestBody(new String(raw, StandardCharsets.UTF_8))
                    .remoteAddress(http.getRemoteAddr())
                    .build());
            if (request == null) {
                log.info("event=slack_request_unreadable reason=unknown_kind bytes={}", raw.length);
                return badRequest();
            }
            response = bolt.run(request);
            if (response.getStatusCode() == HttpStatus.NOT_FOUND.value()) {
                // signed, but nothing here handles its kind (a click on an old card, a shortcut): Slack retries a 404 and
                // may switch the app's events off, so it is acknowledged and dropped
                log.info("event=slack_request_unhandled kind={} bytes={}", request.getRequestType(), raw.length);
                return ResponseEntity.ok().build();
            }
        } catch (Exception e) {
            // the class says what went wrong; the message could quote the sender's text
            log.warn("event=slack_request_unreadable reason=exception error={} bytes={}", e.getClass().getName(), raw.length);
            return badRequest();
        }
        HttpHeaders out = new HttpHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::put);
        }
        if (response.getContentType() != null) {
            out.set(HttpHeaders.CONTENT_TYPE, response.getContentType());
        }
        return ResponseEntity.status(response.getStatusCode()).headers(out).body(response.getBody());
    }

    private static ResponseEntity<String> badRequest() {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(BAD_REQUEST);
    }

    private SlackRequestParser parser(App bolt) {
        if (parser == null) {
            parser = new SlackRequestParser(bolt.config());
        }
        return parser;
    }
}
