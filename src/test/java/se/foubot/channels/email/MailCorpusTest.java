package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Messy real-world-style mail (src/test/resources/mail/corpus): each file is read with the real MIME parser and
 * judged by the real guard, and must come out as expected.yaml says.
 */
class MailCorpusTest {

    private static final MailParser PARSER = new MailParser(new se.foubot.privacy.OutsideTextGuard());

    private static final Path CORPUS = Path.of("src/test/resources/mail/corpus");
    /** The bot sends as fou-stod@stockholm.se and reads the mailbox fou@stockholm.se. */
    private final MailGuard guard = new MailGuard(List.of("stockholm.se"), "fou-stod@stockholm.se", "fou@stockholm.se");

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> everyMessageOfTheCorpusComesOutAsExpected() throws IOException {
        Map<String, Map<String, Object>> expected;
        try (InputStream in = Files.newInputStream(CORPUS.resolve("expected.yaml"))) {
            expected = new Yaml().load(in);
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(25);
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
    }

    @SuppressWarnings("unchecked")
    private void check(String file, Map<String, Object> want) throws IOException {
        InboundMail mail = PARSER.parse(Files.readAllBytes(CORPUS.resolve(want.getOrDefault("file", file).toString())));
        Optional<String> quarantine = guard.quarantineReason(mail);
        for (String digits : (List<String>) want.getOrDefault("nowhere", List.of())) {
            assertThat(mail.toString()).as(file + ": nothing read from it may keep " + digits).doesNotContain(digits);
        }
        if (want.get("outcome").equals("quarantine")) {
            assertThat(quarantine).as(file + " must be quarantined").isPresent();
            assertThat(quarantine.get().toLowerCase(Locale.ROOT)).contains(want.get("reason").toString().toLowerCase(Locale.ROOT));
            return;
        }
        assertThat(quarantine).as(file + " is a person's mail").isEmpty();
        if (want.containsKey("text")) {
            String text = want.get("text").toString();
            if (text.isEmpty()) {
                assertThat(mail.text().isBlank()).isTrue();
            } else {
                assertThat(mail.text().text().replaceAll("\\s+", " ")).contains(text);
            }
        }
        if (want.containsKey("line")) {
            assertThat(mail.text().text().lines().map(String::strip)).as(file + ": a whole line").contains(want.get("line").toString());
        }
        if (want.get("not-text") instanceof List<?> notTexts) {
            notTexts.forEach(notText -> assertThat(mail.text().text()).doesNotContain(notText.toString()));
        } else if (want.containsKey("not-text")) {
            assertThat(mail.text().text()).doesNotContain(want.get("not-text").toString());
        }
        if (want.containsKey("signature")) {
            assertThat(mail.signature().text()).contains(want.get("signature").toString());
        }
        if (want.containsKey("from")) {
            assertThat(mail.from()).isEqualTo(want.get("from").toString());
        }
        if (want.containsKey("subject")) {
            assertThat(mail.subject().text()).isEqualTo(want.get("subject").toString());
        }
        if (want.containsKey("attachments")) {
            assertThat(mail.attachmentNames()).containsExactlyElementsOf((List<String>) want.get("attachments"));
        }
        if (want.containsKey("in-reply-to-of")) {
            assertThat(mail.inReplyTo()).as(file + ": In-Reply-To kept only hashed").isEqualTo(MailParser.keyOf(want.get("in-reply-to-of").toString()));
        }
        if (want.containsKey("message-id")) {
            assertThat(mail.messageId()).isEqualTo(want.get("message-id") == null ? null : want.get("message-id").toString());
        }
        if (want.containsKey("references-of")) {
            assertThat(mail.references()).as(file + ": References kept only hashed")
                    .containsExactlyElementsOf(((List<String>) want.get("references-of")).stream().map(MailParser::keyOf).toList());
        }
        if (want.containsKey("copied")) {
            assertThat(mail.copied()).containsExactlyInAnyOrderElementsOf((List<String>) want.get("copied"));
        }
        if (want.containsKey("identity-number-removed")) {
            assertThat(mail.identityNumberRemoved()).as(file + ": the sender is told a number was removed")
                    .isEqualTo(want.get("identity-number-removed"));
        }
        if (want.containsKey("key-prefix")) {
            assertThat(mail.key()).startsWith(want.get("key-prefix").toString());
        }
        if (Boolean.TRUE.equals(want.get("problem"))) {
            assertThat(mail.problem()).isNotNull();
        } else if (Boolean.FALSE.equals(want.get("problem"))) {
            assertThat(mail.problem()).as(file + " was read whole").isNull();
        }
    }

    @Test
    void aThirtyMegabyteAttachmentIsListedNotKeptAndTheTextIsRead() {
        byte[] big = new byte[30 * 1024 * 1024];
        new java.util.Random(1).nextBytes(big);
        String raw = "From: Anna <anna@stockholm.se>\r\nTo: fou@localhost\r\nSubject: Stor bilaga\r\nMessage-ID: <big@x>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; "
                + "charset=utf-8\r\n\r\nSe bifogad film från vår workshop.\r\n--b\r\nContent-Type: video/mp4; name=\"workshop.mp4\"\r\n"
                + "Content-Disposition: attachment; filename=\"workshop.mp4\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(big) + "\r\n--b--\r\n";
        InboundMail mail = PARSER.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(mail.text().text()).isEqualTo("Se bifogad film från vår workshop.");
        assertThat(mail.attachmentNames()).containsExactly("workshop.mp4");
        assertThat(mail.problem()).isNull();
    }

    @Test
    void aMailARelayReEncodedIsTheSameMailAndAnotherBodyUnderItsMessageIdIsAnother() {
        String head = "From: q@stockholm.se\r\nTo: fou@localhost\r\nSubject: =?utf-8?Q?Enk=C3=A4t?=\r\nDate: Thu, 3 Dec 2026 09:00:00 +0100\r\n"
                + "Message-ID: <fixed-q@form>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n";
        byte[] eightBit = (head + "Content-Transfer-Encoding: 8bit\r\n\r\nVi behöver hjälp med en enkät om hemtjänst för äldre.\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // the next hop lacked 8BITMIME: a relay wrote the body as quoted-printable, added its Received line and a blank line
        byte[] reEncoded = ("Received: from relay.stockholm.se by mx2.stockholm.se; Thu, 3 Dec 2026 09:00:02 +0100\r\n" + head
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nVi beh=C3=B6ver hj=C3=A4lp med en enk=C3=A4t om hemtj=C3=A4nst f=\r\n"
                + "=C3=B6r =C3=A4ldre.\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] another = (head + "Content-Transfer-Encoding: 8bit\r\n\r\nVi behöver en utvärderingsplan för vår dagverksamhet.\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(PARSER.parse(reEncoded).key()).isEqualTo(PARSER.parse(eightBit).key());
        assertThat(PARSER.parse(another).key()).isNotEqualTo(PARSER.parse(eightBit).key());
    }

    /**
     * Helper 101: a mail with two From lines (a colleague's first, the forger's second, the forger's envelope) became a
     * task in the colleague's name, and "From: a@…, b@…" one for the first. Who wrote it cannot be told: quarantined.
     */
    @Test
    void aMailWithTwoFromLinesOrTwoAddressesInOneHasNoReadableSender() {
        String rest = "To: fou@stockholm.se\r\nSubject: Utv\u00e4rdering\r\nMessage-ID: <two-from@example>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nVi beh\u00f6ver hj\u00e4lp med en utv\u00e4rdering.\r\n";
        for (String from : List.of("From: Eva Ek <eva.ek@stockholm.se>\r\nFrom: mallory@evil.example\r\n",
                "From: a@stockholm.se, b@stockholm.se\r\n", "From: Grupp: karin@stockholm.se, forger@evil.example;\r\n")) {
            InboundMail mail = PARSER.parse((from + rest).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(mail.from()).as(from).isNull();
            assertThat(guard.quarantineReason(mail)).as(from).contains("no readable sender");
        }
        InboundMail one = PARSER.parse(("From: Eva Ek <eva.ek@stockholm.se>\r\n" + rest).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(one.from()).isEqualTo("eva.ek@stockholm.se");
    }

    @Test
    void garbageBytesGiveADefinedResultNotAnException() {
        InboundMail mail = PARSER.parse(new byte[] {0, 1, 2, (byte) 0xff, '\n', '\n', 'x'});
        assertThat(mail.key()).startsWith("sha256:");
        assertThat(guard.quarantineReason(mail)).contains("no readable sender");
    }
}
