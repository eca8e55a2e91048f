package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void outsideTextBecomesOneLineWithoutControlsThatCouldForgeOrColourALine() {
        String smtpReply = "503 5.5.1 RCPT command(s) required\r\nevent=forged";
        assertThat(LogText.clean(smtpReply)).isEqualTo("503 5.5.1 RCPT command(s) required event=forged");
        assertThat(LogText.clean("\"x\u001b[31mFORGEDESC\"@evil.example")).matches("#[0-9a-f]{8}@evil\\.example");
        assertThat(LogText.clean("a\u2028b\u2029c\u0085d\u202ee\u2066f")).isEqualTo("a b c d e f");
        assertThat(LogText.clean("x".repeat(1000))).hasSize(301);
        assertThat(LogText.clean(null)).isEmpty();
    }

    @Test
    void anAddressIsLoggedAsAHashAndItsDomainTheSameEachTimeWhereverItStands() {
        String hashed = LogText.address("K_820417_1170@Stockholm.se");
        assertThat(hashed).matches("#[0-9a-f]{8}@stockholm\\.se").isEqualTo(LogText.address("k_820417_1170@stockholm.se "));
        assertThat(LogText.clean("grant:lum-2027:email:k_820417_1170@stockholm.se")).isEqualTo("grant:lum-2027:email:" + hashed);
        assertThat(LogText.clean("550 5.1.1 <k_820417_1170@stockholm.se>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <" + hashed + ">: Recipient address rejected");
        assertThat(LogText.address("anna.berg@stockholm.se")).isNotEqualTo(hashed);
        assertThat(LogText.address(null)).isEqualTo("-");
        // a FoU-forum registration by mail is keyed by meeting and address
        assertThat(LogText.clean("forum-2027-05-19|email:anna.berg@stockholm.se"))
                .isEqualTo("forum-2027-05-19|email:" + LogText.address("anna.berg@stockholm.se"));
    }

    @Test
    void aPersonalIdentityNumberInAnOutsideValueNeverReachesTheLog() {
        assertThat(LogText.clean("No such file: utredning 490610_1532.pdf")).doesNotContain("1532").contains("utredning");
        assertThat(LogText.clean("for input string: 19640823-3234")).doesNotContain("3234");
    }
}
