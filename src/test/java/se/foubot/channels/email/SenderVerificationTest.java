package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The sender's proof read from mails as the receiving servers really write them (Gmail, Exchange Online,
 * Postfix with OpenDKIM and OpenDMARC), stored as raw bytes, forged ones among them.
 */
class SenderVerificationTest {

    private static final SenderVerification TRUSTING = new SenderVerification(
            List.of("mx.google.com", "exchange-online", "mail.fou.stockholm.se", "mail.stad.se"));

    static InboundMail fixture(String name) throws IOException {
        try (InputStream in = SenderVerificationTest.class.getResourceAsStream("/mail/auth/" + name)) {
            return new MailParser(new se.foubot.privacy.OutsideTextGuard()).parse(in.readAllBytes());
        }
    }

    private static Optional<String> proof(String fixture, SenderVerification verification) throws IOException {
        InboundMail mail = fixture(fixture);
        return verification.proof(mail.from(), mail.trace());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "gmail-dmarc-pass.eml, dmarc by mx.google.com",
            "m365-dmarc-pass.eml, dmarc by exchange-online",
            "postfix-opendkim-opendmarc.eml, dmarc by mail.fou.stockholm.se",
            "gmail-forged-below.eml, ",
            "postfix-forged-same-authserv.eml, ",
            "untrusted-authserv.eml, ",
            "gmail-unaligned-pass.eml, ",
            "postfix-submission-forged.eml, ",
            "m365-forged-below.eml, ",
            "gmail-unstamped-forged.eml, ",
            "gmail-forged-second-field.eml, "})
    void onlyTheTrustedServersOwnVerdictForTheFromDomainProvesTheSender(String fixture, String expected) throws IOException {
        assertThat(proof(fixture, TRUSTING)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void withoutATrustedServerNoHeaderProvesAnything() throws IOException {
        assertThat(proof("gmail-dmarc-pass.eml", new SenderVerification(List.of()))).isEmpty();
        assertThat(proof("m365-dmarc-pass.eml", new SenderVerification(List.of("mx.google.com")))).isEmpty();
        assertThat(proof("gmail-dmarc-pass.eml", new SenderVerification(List.of("mail.fou.stockholm.se")))).isEmpty();
    }

    @Test
    void onlyFieldsAboveTheTrustedServersTopmostReceivedLineCount() {
        String forged = "authentication-results: mail.stad.se; dmarc=pass header.from=stockholm.se";
        String received = "received: from smtp.stockholm.se (smtp.stockholm.se [198.51.100.9]) by mail.stad.se (Postfix) with ESMTPS";
        assertThat(TRUSTING.proof("anna@stockholm.se", List.of(forged, received))).contains("dmarc by mail.stad.se");
        assertThat(TRUSTING.proof("anna@stockholm.se", List.of(received, forged))).as("below: came with the mail").isEmpty();
        assertThat(TRUSTING.proof("anna@stockholm.se", List.of(forged))).as("the server never received it").isEmpty();
        assertThat(TRUSTING.proof("anna@stockholm.se", List.of(received, forged, received)))
                .as("a Received line the sender wrote lower down moves nothing").isEmpty();
    }

    @Test
    void aClientsHeloNameCannotHideTheTrustedServersReceivedLine() {
        // the client said HELO "by"; were the line misread, the sender's own lines below would look like the server's
        String real = "received: from by (unknown [192.0.2.61]) (Authenticated sender: kalle) by mail.stad.se (Postfix) with ESMTPSA";
        String forgedField = "authentication-results: mail.stad.se; dmarc=pass header.from=stockholm.se";
        String forgedLine = "received: from mail.stockholm.se by mail.stad.se (Postfix) with ESMTPS";
        assertThat(SenderVerification.receivedBy(real.substring("received:".length()))).isEqualTo("mail.stad.se");
        assertThat(SenderVerification.receivedBy(" by 2002:a05:7010:5d91 with SMTP id n17csp;")).isEqualTo("2002:a05:7010:5d91");
        assertThat(SenderVerification.receivedBy(" from x (helo by mail.stad.se) with ESMTP")).isEmpty();
        assertThat(TRUSTING.proof("anna@stockholm.se", List.of(real, forgedField, forgedLine))).isEmpty();
    }

    @Test
    void postfixWithOnlyOpenDkimProvesByAnAlignedSignature() {
        List<String> trace = List.of(
                "authentication-results: mail.fou.stockholm.se;\tdkim=pass (2048-bit key; unprotected) header.d=stockholm.se "
                        + "header.i=@stockholm.se header.b=pL7xQ2sV",
                "received: from smtp.skarpnack.stockholm.se by mail.fou.stockholm.se (Postfix)");
        assertThat(TRUSTING.proof("lena.holm@skarpnack.stockholm.se", trace)).contains("dkim by mail.fou.stockholm.se");
        assertThat(TRUSTING.proof("lena.holm@stockholm.se.evil.example", trace)).isEmpty();
    }

    @Test
    void spfCountsOnlyForTheEnvelopeSendersDomainAlignedWithFrom() {
        List<String> trace = List.of("arc-authentication-results: i=1; mx.google.com; spf=pass (google.com: domain of "
                + "x@stockholm.se designates 1.2.3.4 as permitted sender) smtp.mailfrom=x@stockholm.se",
                "received: from mail.stockholm.se (mail.stockholm.se. [1.2.3.4]) by mx.google.com with ESMTPS id 2adb");
        assertThat(TRUSTING.proof("anna@stockholm.se", trace)).contains("spf by mx.google.com");
        assertThat(TRUSTING.proof("anna@farsta.stockholm.se", trace)).contains("spf by mx.google.com");
        assertThat(TRUSTING.proof("anna@gmail.com", trace)).isEmpty();
        assertThat(SenderVerification.aligned("se", "stockholm.se")).isFalse();
    }

    @Test
    void authenticationResultsAreReadWithCommentsQuotesVersionsAndNoAuthservId() {
        AuthenticationResults gmail = AuthenticationResults.parse(" mx.google.com 1 ; dkim=pass (good (nested; comment)) "
                + "header.i=@stockholm.se; spf = pass smtp.mailfrom=\"a;b@stockholm.se\"; dmarc=pass header.from=stockholm.se");
        assertThat(gmail.authservId()).isEqualTo("mx.google.com");
        assertThat(gmail.results()).extracting(AuthenticationResults.Result::method).containsExactly("dkim", "spf", "dmarc");
        assertThat(gmail.results().get(1).property("smtp.mailfrom")).isEqualTo("a;b@stockholm.se");
        AuthenticationResults exchange = AuthenticationResults.parse("spf=pass (sender IP is 40.107.22.96) "
                + "smtp.mailfrom=edu.stockholm.se;dmarc=pass action=none header.from=edu.stockholm.se;compauth=pass reason=100");
        assertThat(exchange.authservId()).isEqualTo(AuthenticationResults.NO_AUTHSERV_ID);
        assertThat(exchange.results()).extracting(AuthenticationResults.Result::method).containsExactly("spf", "dmarc", "compauth");
        assertThat(AuthenticationResults.parse("mail.example.org; none").results()).isEmpty();
        assertThat(AuthenticationResults.parse("((((").results()).isEmpty();
    }
}
