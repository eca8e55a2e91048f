package se.foubot.deadletter;

import java.time.Instant;

/**
 * Work that failed its bounded retries and was parked. It names the work and the rule that parked it, never the
 * text of the work (a mail body, a Slack message): that stays where it was, under its own retention.
 *
 * @param id       "{kind}:{key}"
 * @param kind     what kind of work: "mail", "slack-event", "job:forum-reminders", …
 * @param key      the work's own once-only key (the mail's key in the inbox, the Slack event id, …)
 * @param rule     the exception class that made it fail (e.g. NumberFormatException)
 * @param where    the bot's own code where it failed (class.method:line), so a developer can find it
 * @param attempts how many attempts failed
 */
public record DeadLetter(String id, String kind, String key, String rule, String where, int attempts, Status status,
        Instant firstFailedAt, Instant lastFailedAt, Instant parkedAt) {

    public enum Status {
        /** Failed, but has attempts left. */
        RETRYING,
        /** Out of attempts: not tried again. */
        PARKED
    }

    static String id(String kind, String key) {
        return kind + ":" + key;
    }
}
