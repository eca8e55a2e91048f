package se.foubot.web;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionRule;

/** What the staff web keeps: single-use sign-in links (a hash and the address it went to) and sessions, until they run out. */
@Component
class WebRetention implements RetainedData {

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(RetentionRule.delete(SignInLinks.COLLECTION, "a sign-in link (its hash, the address it was sent to) "
                + "is deleted when it has expired", Duration.ZERO, "expiresAt", null),
                RetentionRule.delete(StoredSessions.COLLECTION, "a staff-web session (who is signed in, the hash of its id) is "
                        + "deleted when it has run out", Duration.ZERO, "expiresAt", null));
    }
}
