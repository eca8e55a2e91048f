package se.foubot.knowledgegaps.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.Language;
import se.foubot.knowledgegaps.GapGroup;
import se.foubot.knowledgegaps.GapTexts;
import se.foubot.knowledgegaps.KnowledgeGapService;

/**
 * Tells an analyst in Slack, where they decided, that their decision on a group was replaced by another's: who and with
 * what, and whether it can still change. Two analysts deciding a round's last group at the same moment both saw their
 * click taken, and the one whose decision did not stand was never told (a black-box tester's finding). A decision made
 * through the admin API has nobody to tell.
 */
@Component
@ConditionalOnSlack
class ReplacedDecisions {

    private static final Logger log = LoggerFactory.getLogger(ReplacedDecisions.class);

    private final SlackApi api;
    private final GapTexts texts;

    ReplacedDecisions(SlackApi api, GapTexts texts) {
        this.api = api;
        this.texts = texts;
    }

    @EventListener
    void on(KnowledgeGapService.DecisionReplaced replaced) {
        String analyst = replaced.replacedBy();
        if (KnowledgeGapService.API_ACTOR.equals(analyst)) {
            return;
        }
        GapGroup group = replaced.group();
        boolean byApi = KnowledgeGapService.API_ACTOR.equals(group.decidedBy());
        String text = texts.get(Language.SV, byApi ? "knowledgegaps.slack.decision-replaced.api" : "knowledgegaps.slack.decision-replaced",
                "group", group.id(), "was", decision(replaced.replaced()), "decision", decision(group.decision()), "who",
                SlackText.mention(group.decidedBy()))
                // the rule as it stands now: it can be changed back until every group has one; or the districts have been told
                + " " + texts.get(Language.SV, replaced.round().outcomesSentAt() == null ? "knowledgegaps.slack.decision-replaced.open"
                        : "knowledgegaps.slack.decision-replaced.told");
        try {
            api.post(analyst, null, text, null);
        } catch (SlackApi.SlackCallFailed e) {
            log.warn("event=knowledge_gap_decision_replaced_notice_failed group={} reason=\"{}\"", group.id(),
                    se.foubot.privacy.LogText.clean(e.getMessage()));
        }
    }

    private String decision(GapGroup.Decision decision) {
        return texts.get(Language.SV, "knowledgegaps.decision.short." + decision.id());
    }
}
