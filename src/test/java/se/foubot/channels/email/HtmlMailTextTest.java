package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import se.foubot.privacy.OutsideTextGuard;

/**
 * HTML-only mail (stored as Outlook on the web and Gmail send it) is read line by line as its reader sees it:
 * adjacent blocks with no line break between them in the source are lines of their own, and a quoted reply is
 * dropped as in plain text.
 */
class HtmlMailTextTest {

    private static final MailParser PARSER = new MailParser(new OutsideTextGuard());

    private static InboundMail parse(String name) throws IOException {
        try (InputStream in = HtmlMailTextTest.class.getResourceAsStream("/mail/web/" + name)) {
            return PARSER.parse(in.readAllBytes());
        }
    }

    @Test
    void outlookOnTheWebsAdjacentDivsAreLinesOfTheirOwn() throws IOException {
        InboundMail mail = parse("outlook-web-html-only-labelled.eml");
        assertThat(mail.text().text()).contains("Förvaltning: Östermalm\nTyp av stöd: Implementering\nBehövs senast: vecka 12\n")
                .contains("\n\nVi ska införa motiverande samtal").doesNotContain("margin-top").doesNotContain("Karin");
        assertThat(mail.signature().text()).startsWith("Med vänlig hälsning\nKarin");
    }

    @Test
    void paragraphsOnOneLineAreLinesOfTheirOwn() throws IOException {
        assertThat(parse("gmail-html-only-paragraphs.eml").text().text()).isEqualTo("Förvaltning: Östermalm\nTyp av stöd: Implementering\n"
                + "Behövs senast: vecka 12\nVi vill ha hjälp att föra in en ny bedömningsmetod i biståndshandläggningen.");
    }

    @Test
    void gmailsQuotedHistoryInHtmlIsLeftOut() throws IOException {
        InboundMail mail = parse("gmail-html-only-reply-with-quote.eml");
        assertThat(mail.text().text()).isEqualTo("Förvaltning: Bromma\nVi vill ha den till januari.");
    }

    @Test
    void tableRowsListItemsAndBreaksAreLinesAndQuotesAreMarked() {
        assertThat(HtmlText.of("<table><tr><td><b>Förvaltning:</b></td><td>Bromma</td></tr><tr><td>Typ av stöd:</td><td>Analys</td></tr>"
                + "</table><ul><li>ett</li><li>två</li></ul>rad ett<br>rad två<blockquote>citerat<br>mer</blockquote>slut"))
                .isEqualTo("Förvaltning: Bromma\nTyp av stöd: Analys\nett\ntvå\nrad ett\nrad två\n> citerat\n> mer\nslut");
    }
}
