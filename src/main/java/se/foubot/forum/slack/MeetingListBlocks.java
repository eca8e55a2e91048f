package se.foubot.forum.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackCardRenderer;
import se.foubot.channels.slack.SlackText;
import se.foubot.forum.ForumService;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingList;
import se.foubot.forum.Registration;
import se.foubot.messaging.Recipient;

/** Coming meetings in Slack, each with the viewer's own state and Register / Register with a proposal / Cancel. */
@Component
@ConditionalOnSlack
class MeetingListBlocks implements SlackCardRenderer<MeetingList> {

    private final ForumService forum;
    private final ZoneId zone;

    MeetingListBlocks(ForumService forum, ZoneId zone) {
        this.forum = forum;
        this.zone = zone;
    }

    @Override
    public Class<MeetingList> type() {
        return MeetingList.class;
    }

    @Override
    public List<LayoutBlock> blocks(MeetingList card, String user) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Meeting m : card.meetings()) {
            Optional<Registration> mine = forum.registration(m.id(), Recipient.slack(user))
                    .filter(r -> r.status() != Registration.Status.CANCELLED);
            String status = mine.map(r -> r.status() == Registration.Status.REGISTERED ? "\n✅ _Du är anmäld._" : "\n⏳ _Du står på väntelistan._")
                    .orElse("");
            blocks.add(section(s -> s.text(markdownText("*" + SlackText.escape(m.title()) + "* · `" + m.id() + "`\n"
                    + SlackText.escape(describe(m, zone)) + status))));
            if (mine.isPresent()) {
                blocks.add(actions(b -> b.elements(List.of(button(x -> x.actionId(SlackForum.UNREGISTER).value(m.id())
                        .text(plainText("Avanmäl mig")))))));
            } else {
                blocks.add(actions(b -> b.elements(List.of(
                        button(x -> x.actionId(SlackForum.REGISTER).value(m.id()).style("primary").text(plainText("Anmäl mig"))),
                        button(x -> x.actionId(SlackForum.PROPOSE).value(m.id()).text(plainText("Anmäl mig med förslag till dagordningen")))))));
            }
            blocks.add(divider());
        }
        return blocks;
    }

    static String describe(Meeting m, ZoneId zone) {
        return se.foubot.forum.ForumTexts.when(m, zone) + " · " + m.place() + " · " + se.foubot.forum.ForumTexts.seats(m)
                + (m.agenda() != null ? "\nDagordning: " + m.agenda() : "");
    }
}
