package se.foubot.channels.slack;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import se.foubot.deadletter.DeadLetters;

/**
 * An event with nothing to record (App Home; a post refused for a personal identity number; anything while MongoDB
 * cannot record), done after the ack on a worker, once whatever Slack redelivers ({@code slack_events} decides), with
 * bounded attempts. When MongoDB cannot say, it is done: the person then hears that the bot has trouble, not silence.
 */
@Component
@ConditionalOnSlack
class OnceAfterAck {

    private static final Logger log = LoggerFactory.getLogger(OnceAfterAck.class);

    private final SlackEventDeduplicator dedupe;
    private final SlackWorkers workers;
    private final SlackWork work;

    OnceAfterAck(SlackEventDeduplicator dedupe, SlackWorkers slackWorkers, SlackWork work) {
        this.dedupe = dedupe;
        this.workers = slackWorkers;
        this.work = work;
    }

    void run(EventEnvelope e, Runnable handling) {
        List<String> keys = e.keys();
        boolean taken = workers.offer(() -> {
            try {
                if (!keys.isEmpty() && !firstTime(keys, e.eventId())) {
                    log.debug("event=slack_event_duplicate event_id={}", e.eventId());
                    return;
                }
                DeadLetters.Outcome outcome = work.attempts(SlackWork.EVENT, e.eventId() != null ? e.eventId() : String.join(",", keys), handling);
                dedupe.done(keys);
                if (outcome == DeadLetters.Outcome.PARKED && e.isPost()) {
                    work.sorry(e.channel(), e.answerThread(), e.user());
                }
            } catch (RuntimeException failure) {
                log.warn("event=slack_event_failed event_id={} error={}", e.eventId(), failure.getClass().getSimpleName());
                markFailed(keys);
            }
        });
        if (!taken) {
            // nothing of it was recorded (App Home, a post refused for a number, the store down) and every worker is
            // busy: shed, counted (foubot_slack_work_refused_total) and logged, rather than holding up the ack
            log.warn("event=slack_event_shed event_id={} type={}", e.eventId(), e.type());
        }
    }

    private boolean firstTime(List<String> keys, String eventId) {
        try {
            return dedupe.claim(keys, eventId);
        } catch (DataAccessException e) {
            log.warn("event=slack_dedupe_unavailable event_id={} error={}", eventId, e.getMostSpecificCause().getClass().getSimpleName());
            return true;
        }
    }

    private void markFailed(List<String> keys) {
        try {
            dedupe.failed(keys);
        } catch (DataAccessException e) {
            log.debug("event=slack_dedupe_mark_failed keys={}", keys);
        }
    }
}
