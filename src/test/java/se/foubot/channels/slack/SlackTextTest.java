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
        assertThat(SlackText.escapeKeepingMentions(SlackText.mentionInReply("UANNA") + " frågar: <@UEVIL> <!channel> & <https://x|y>?"))
                .isEqualTo("<@UANNA> frågar: &lt;@UEVIL&gt; &lt;!channel&gt; &amp; &lt;https://x|y&gt;?");
        // the marks the bot's own mentions carry cannot be typed into Slack: a message's text loses them
        assertThat(SlackText.escapeKeepingMentions(SlackText.plain("\uE000@UEVIL\uE001 hej"))).isEqualTo("@UEVIL hej");
        assertThat(SlackText.mentionInReply("not an id>")).isEmpty();
    }

    @Test
    void aChannelTheBotNamesInAReplyStaysALinkWhileTheWordsAroundItAreEscaped() {
        // helper 121: the close confirmation's "<#C0STAFF>" was escaped with the round's id as typed
        assertThat(SlackText.escapeKeepingMentions("Grupperna ligger i " + SlackText.channelInReply("C0STAFF") + " <#C0EVIL> & <kl-2027>"))
                .isEqualTo("Grupperna ligger i <#C0STAFF> &lt;#C0EVIL&gt; &amp; &lt;kl-2027&gt;");
        assertThat(SlackText.escapeKeepingMentions(SlackText.plain("\uE000#C0EVIL\uE001 hej"))).isEqualTo("#C0EVIL hej");
        assertThat(SlackText.escapeKeepingMentions(SlackText.channelInReply("fou-utredare>"))).isEqualTo("fou-utredare&gt;");
    }

    @Test
    void aLongTextIsCutIntoBlocksAtLineBreaksAndNoPieceEndsInsideAnEntityAMentionOrASurrogatePair() {
        String summary = "Sammanfattning:\n1. Förvaltning: Bromma\n3. Vad stödet gäller: " + "R&D <b> ".repeat(250)
                + "\n6. Behövs senast: –\n7. E-post: anna@stockholm.se";
        java.util.List<String> pieces = SlackText.pieces(SlackText.escapeKeepingMentions(summary), 900);
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(900));
        assertThat(pieces.get(pieces.size() - 1)).as("the last lines are not lost").endsWith("7. E-post: anna@stockholm.se");
        assertThat(pieces.get(0)).startsWith("Sammanfattning:\n1. Förvaltning: Bromma\n3. Vad stödet gäller: R&amp;D &lt;b&gt;");

        java.util.Random random = new java.util.Random(20261205);
        String[] parts = {"&", "<", ">", "å", "😀", " ", "\n", SlackText.mentionInReply("U0ANNA"), "<@U0EVIL>", "x", "ord"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(120); n > 0; n--) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            String escaped = SlackText.escapeKeepingMentions(text.toString());
            int max = 12 + random.nextInt(40); // longer than a mention, as every limit Slack sets is
            for (String piece : SlackText.pieces(escaped, max)) {
                assertThat(piece.length()).isLessThanOrEqualTo(max);
                assertThat(unbroken(piece)).as("piece %s of %s", piece, escaped).isTrue();
            }
            assertThat(String.join("", SlackText.pieces(escaped, max)).replaceAll("[ \n]", ""))
                    .as("nothing lost but the spaces and line breaks cut at").isEqualTo(escaped.replaceAll("[ \n]", ""));
            String cut = SlackText.cut(escaped, max);
            assertThat(cut.length()).isLessThanOrEqualTo(max);
            assertThat(unbroken(cut.endsWith("…") ? cut.substring(0, cut.length() - 1) : cut)).as("cut %s of %s", cut, escaped).isTrue();
        }
        assertThat(SlackText.escapeWithin("&".repeat(1000), 2800)).hasSizeLessThanOrEqualTo(2800).endsWith("&amp;…");
        assertThat(SlackText.truncate("ab😀", 3)).isEqualTo("ab…");
    }

    /** No entity, mention or surrogate pair is cut at the end (or the start) of {@code piece}. */
    private static boolean unbroken(String piece) {
        String withoutWhole = piece.replaceAll("&(amp|lt|gt);", "").replaceAll("<@U0ANNA>", "");
        boolean pairs = piece.isEmpty() || !(Character.isHighSurrogate(piece.charAt(piece.length() - 1))
                || Character.isLowSurrogate(piece.charAt(0)));
        return !withoutWhole.contains("&") && !withoutWhole.contains("<") && !withoutWhole.contains(">") && pairs;
    }
}
