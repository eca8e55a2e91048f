package se.foubot.channels.slack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;

/**
 * {@code POST /slack/events}: events, slash commands and interactivity. Hands the raw body and headers to
 * Bolt, which checks the signature over the raw bytes before anything is parsed; 404 when Slack's HTTP
 * mode is off.
 */
@RestController
class SlackEventsController {

    private final ObjectProvider<App> app;
    private final SlackProperties properties;
    private volatile SlackRequestParser parser;

    SlackEventsController(ObjectProvider<App> app, SlackProperties properties) {
        this.app = app;
        this.properties = properties;
    }

    @PostMapping("/slack/events")
    ResponseEntity<String> events(@RequestBody(required = false) byte[] raw, HttpServletRequest http) throws Exception {
        // the signature is over the raw bytes; decode them exactly as sent (UTF-8), whatever the content type says
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        App bolt = app.getIfAvailable();
        if (bolt == null || !properties.httpEnabled()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("Slack is not enabled (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)");
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(http.getHeaders(name))));
        }
        Request<?> request = parser(bolt).parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(http.getRequestURI())
                .queryString(Map.of())
                .headers(new RequestHeaders(headers))
                .requestBody(body)
                .remoteAddress(http.getRemoteAddr())
                .build());
        Response response = bolt.run(request);
        HttpHeaders out = new HttpHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> out.put(k, v));
        }
        if (response.getContentType() != null) {
            out.set(HttpHeaders.CONTENT_TYPE, response.getContentType());
        }
        return ResponseEntity.status(response.getStatusCode()).headers(out).body(response.getBody());
    }

    private SlackRequestParser parser(App bolt) {
        if (parser == null) {
            parser = new SlackRequestParser(bolt.config());
        }
        return parser;
    }
}
