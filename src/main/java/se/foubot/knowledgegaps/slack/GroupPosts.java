package se.foubot.knowledgegaps.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.Language;
import se.foubot.knowledgegaps.GapEntry;
import se.foubot.knowledgegaps.GapGroup;
import se.foubot.knowledgegaps.GapTexts;
import se.foubot.knowledgegaps.KnowledgeGapService;

/**
 * The groups of a closed round in the analysts' channel, one message each: its entries (id, district, the start of the
 * text), "Samma lucka" and "Dela upp" while a proposed group of several is unconfirmed, and the four decisions. Each
 * message is brought up to date in place when its group changes; a split group's message says what it became.
 */
@Component
@ConditionalOnSlack
class GroupPosts {

    private static final Logger log = LoggerFactory.getLogger(GroupPosts.class);

    private final KnowledgeGapService service;
    private final SlackApi api;
    private final GapTexts texts;
    private final SlackKnowledgeGaps screens;

    GroupPosts(KnowledgeGapService service, SlackApi api, GapTexts texts, SlackKnowledgeGaps screens) {
        this.service = service;
        this.api = api;
        this.texts = texts;
        this.screens = screens;
    }

    @EventListener
    void on(KnowledgeGapService.RoundClosed closed) {
        closed.groups().forEach(this::show);
    }

    @EventListener
    void on(KnowledgeGapService.GroupsChanged changed) {
        if (changed.action().startsWith("split:")) {
            String[] was = changed.action().split(":", 4);
            if (was.length == 4 && !was[2].isBlank()) {
                String text = texts.get(Language.SV, "knowledgegaps.slack.group.split-into", "group", was[1], "groups",
                        changed.groups().stream().map(GapGroup::id).collect(Collectors.joining(", ")), "who", who(changed.actor()));
                tryCall(() -> api.update(was[2], was[3], text, List.of(section(s -> s.text(markdownText(text))))));
            }
        }
        changed.groups().forEach(this::show);
    }

    /** Posts the group, or updates its message. */
    void show(GapGroup group) {
        String channel = screens.groupChannel();
        if (channel.isBlank()) {
            return;
        }
        GapGroup g = service.group(group.id()).orElse(group);
        List<GapEntry> entries = g.entryIds().stream().map(service::entry).flatMap(java.util.Optional::stream).toList();
        String title = texts.get(Language.SV, "knowledgegaps.slack.group.title", "group", g.id(), "theme",
                texts.themeLabel(g.theme(), Language.SV), "districts", g.districts().stream().map(d -> texts.district(d, Language.SV))
                        .collect(Collectors.joining(", ")));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + title + "*"))));
        // an entry's words come from a district's mail or a form: shown as written, never a live @here or a disguised link
        String lines = entries.stream().map(e -> "• `" + e.id() + "` " + texts.district(e.district(), Language.SV) + ": "
                + SlackText.escape(GapTexts.shortText(e.text(), 200))).collect(Collectors.joining("\n"));
        if (!lines.isBlank()) {
            blocks.add(section(s -> s.text(markdownText(lines))));
        }
        String status = g.decision() != null
                ? texts.get(Language.SV, "knowledgegaps.slack.group.decided", "decision",
                        texts.get(Language.SV, "knowledgegaps.decision.short." + g.decision().id()), "who", who(g.decidedBy()))
                : g.confirmed() || g.entryIds().size() < 2 ? texts.get(Language.SV, "knowledgegaps.slack.group.confirmed")
                : texts.get(Language.SV, "knowledgegaps.slack.group.proposed");
        blocks.add(context(c -> c.elements(List.of(markdownText(status)))));
        List<BlockElement> buttons = new ArrayList<>();
        if (!g.confirmed() && g.entryIds().size() > 1 && g.decision() == null) {
            buttons.add(button(b -> b.actionId(SlackKnowledgeGaps.CONFIRM).value(g.id()).style("primary")
                    .text(plainText(texts.get(Language.SV, "knowledgegaps.slack.confirm")))));
            buttons.add(button(b -> b.actionId(SlackKnowledgeGaps.SPLIT).value(g.id())
                    .text(plainText(texts.get(Language.SV, "knowledgegaps.slack.split")))));
        }
        boolean told = service.round(g.roundId()).map(r -> r.outcomesSentAt() != null).orElse(true);
        if (!told) {
            for (GapGroup.Decision d : GapGroup.Decision.values()) {
                buttons.add(button(b -> b.actionId(SlackKnowledgeGaps.DECIDE + d.id()).value(g.id())
                        .text(plainText(texts.get(Language.SV, "knowledgegaps.decision.short." + d.id())))));
            }
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("kg-group").elements(buttons)));
        }
        String fallback = title + " – " + status;
        tryCall(() -> {
            if (g.post() == null) {
                String ts = api.post(channel, null, fallback, blocks);
                service.posted(g.id(), new GapGroup.Post(channel, ts));
            } else {
                api.update(g.post().channel(), g.post().ts(), fallback, blocks);
            }
        });
    }

    /** Who acted, as the channel shows it: an analyst as a mention, the admin API in words (never a broken mention). */
    private String who(String actor) {
        if (actor == null || actor.isBlank()) {
            return "";
        }
        return KnowledgeGapService.API_ACTOR.equals(actor) ? texts.get(Language.SV, "knowledgegaps.decided-via-api")
                : SlackText.mention(actor);
    }

    private void tryCall(Runnable call) {
        try {
            call.run();
        } catch (SlackApi.SlackCallFailed e) {
            log.warn("event=knowledge_gap_group_post_failed reason=\"{}\"", se.foubot.privacy.LogText.clean(e.getMessage()));
        }
    }
}
