package se.foubot.channels.slack;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /slack/events} when Slack's HTTP mode is off (no bot token, or no signing secret): 404 with a hint. When
 * it is on, {@link SlackRawBodyFilter} verifies and answers every such request itself and none reaches this.
 */
@RestController
class SlackEventsController {

    @PostMapping("/slack/events")
    ResponseEntity<String> events() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body("Slack is not enabled (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)");
    }
}
