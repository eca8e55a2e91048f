package se.foubot.channels.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.ArrayList;
import java.util.List;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;

import se.foubot.conversation.ReplyChoice;

/** A bot reply as Block Kit: the text, and the choices as buttons that answer for the person. */
final class ReplyBlocks {

    static final String ANSWER_ACTION_PREFIX = "answer-";
    /** The buttons' block: "answers", or "answers:" and the question they answer ({@link ReplyChoice#question()}). */
    private static final String ANSWERS_BLOCK = "answers";
    /** Slack's limit on a block id. */
    private static final int MAX_BLOCK_ID = 255;
    private static final int MAX_BUTTONS = 25;
    private static final int MAX_SECTION = 2900;
    /** Slack takes 50 blocks a message: one is left for the buttons. */
    private static final int MAX_TEXT_BLOCKS = SlackApi.MAX_BLOCKS - 1;

    private ReplyBlocks() {
    }

    static List<LayoutBlock> of(String text, List<ReplyChoice> choices) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String paragraph : text.split("\n\n")) {
            // a long paragraph (a summary with a long answer) takes more than one block, rather than losing its end
            for (String piece : SlackText.pieces(SlackText.escapeKeepingMentions(paragraph), MAX_SECTION)) {
                if (blocks.size() == MAX_TEXT_BLOCKS) {
                    break;
                }
                blocks.add(section(s -> s.text(markdownText(piece))));
            }
        }
        if (!choices.isEmpty() && choices.size() <= MAX_BUTTONS) {
            List<BlockElement> buttons = new ArrayList<>();
            for (int i = 0; i < choices.size(); i++) {
                ReplyChoice c = choices.get(i);
                String actionId = ANSWER_ACTION_PREFIX + i;
                buttons.add(button(b -> b.actionId(actionId).value(c.value())
                        .text(plainText(SlackText.truncate(c.label(), 75)))));
            }
            String question = choices.get(0).question();
            String blockId = question == null || ANSWERS_BLOCK.length() + 1 + question.length() > MAX_BLOCK_ID ? ANSWERS_BLOCK
                    : ANSWERS_BLOCK + ":" + question;
            blocks.add(actions(a -> a.blockId(blockId).elements(buttons)));
        }
        return blocks;
    }

    /**
     * The question a clicked button was offered for, read from its block's id; {@link ReplyChoice#NO_QUESTION} for a
     * button that names none (a command's, one posted before buttons named their question, or a block id this class
     * did not write).
     */
    static String question(String blockId) {
        return blockId != null && blockId.startsWith(ANSWERS_BLOCK + ":") && blockId.length() > ANSWERS_BLOCK.length() + 1
                ? blockId.substring(ANSWERS_BLOCK.length() + 1) : ReplyChoice.NO_QUESTION;
    }
}
