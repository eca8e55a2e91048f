package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Slack's message markup, as its client really sends what a person typed, read as plain text at the edge. */
class SlackTextTest {

    @Test
    void whatAPersonTypedIsReadAsTheyWroteItNotAsSlacksMarkup() {
        // typed: R&D <b> 2 > 1
        assertThat(SlackText.plain("R&amp;D &lt;b&gt; 2 &gt; 1")).isEqualTo("R&D <b> 2 > 1");
        // typed: anna@stockholm.se, https://x.se and 070-123 45 67, which Slack's client turns into links
        assertThat(SlackText.plain("<mailto:anna@stockholm.se|anna@stockholm.se>")).isEqualTo("anna@stockholm.se");
        assertThat(SlackText.plain("se <https://x.se>")).isEqualTo("se https://x.se");
        assertThat(SlackText.plain("<tel:0701234567|070-123 45 67>")).isEqualTo("070-123 45 67");
        // a link with another text, mentions, a channel and the broadcasts: words, never live markup
        assertThat(SlackText.plain("<https://evil.example|klicka>")).isEqualTo("klicka (https://evil.example)");
        assertThat(SlackText.plain("hej <@U0BO> och <@U0ANNA|anna> i <#C0FOU|fou>")).isEqualTo("hej @U0BO och @anna i #fou");
        assertThat(SlackText.plain("<!channel> <!here|here> <!subteam^S0FOU>")).isEqualTo("@channel here @S0FOU");
        // a label's own escapes are undone once, not twice
        assertThat(SlackText.plain("<https://x.se|R&amp;D &amp;amp;>")).isEqualTo("R&D &amp; (https://x.se)");
        assertThat(SlackText.plain(null)).isNull();
        // a bell or a terminal escape carries nothing a person meant; line breaks and tabs stay
        assertThat(SlackText.plain("rad 1\u0007\n\u001b[31mröd\tslut\r")).isEqualTo("rad 1\n[31mröd\tslut");
    }

    @Test
    void whatTheBotShowsIsEscapedExceptItsOwnMentionOfAUser() {
        assertThat(SlackText.escapeKeepingMentions("<@UANNA> frågar: <!channel> & <https://x|y>?"))
                .isEqualTo("<@UANNA> frågar: &lt;!channel&gt; &amp; &lt;https://x|y&gt;?");
    }
}
