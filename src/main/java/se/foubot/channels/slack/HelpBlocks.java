package se.foubot.channels.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;

import se.foubot.conversation.Language;
import se.foubot.messaging.HelpCard;
import se.foubot.messaging.Texts;

/** The generated list of commands as Slack shows it: each as {@code /fou …}, which works in a DM without the prefix too. */
@Component
@ConditionalOnSlack
class HelpBlocks implements SlackCardRenderer<HelpCard> {

    private final Texts texts;

    HelpBlocks(Texts texts) {
        this.texts = texts;
    }

    @Override
    public Class<HelpCard> type() {
        return HelpCard.class;
    }

    @Override
    public List<LayoutBlock> blocks(HelpCard card, String viewer) {
        return List.of(section(s -> s.text(markdownText(text(card, null)))));
    }

    @Override
    public String text(HelpCard card, String replyText) {
        Language l = card.language();
        String resume = card.prefix().isEmpty() ? "" : "• `" + card.prefix().strip() + "` – " + texts.get(l, "slack.help.resume") + "\n";
        String lines = resume + card.lines().stream()
                .map(line -> "• `" + card.prefix() + line.words() + "` – " + line.does()).collect(Collectors.joining("\n"));
        return "*" + card.title() + "*\n" + lines + "\n" + texts.get(l, "slack.help.footer");
    }
}
