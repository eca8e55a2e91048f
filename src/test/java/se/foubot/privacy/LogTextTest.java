package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void outsideTextBecomesOneLineWithoutControlsThatCouldForgeOrColourALine() {
        String smtpReply = "503 5.5.1 RCPT command(s) required\r\nevent=forged";
        assertThat(LogText.clean(smtpReply)).isEqualTo("503 5.5.1 RCPT command(s) required event=forged");
        assertThat(LogText.clean("\"x\u001b[31mFORGEDESC\"@evil.example")).isEqualTo("'x [31mFORGEDESC'@evil.example");
        assertThat(LogText.clean("a\u2028b\u2029c\u0085d\u202ee\u2066f")).isEqualTo("a b c d e f");
        assertThat(LogText.clean("x".repeat(1000))).hasSize(301);
        assertThat(LogText.clean(null)).isEmpty();
    }
}
