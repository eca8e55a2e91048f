package se.foubot.channels.email;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A mail port another process holds stops the start with one line and what to do, not a stack trace. */
class EmbeddedMailPortFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedMailPortTaken> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedMailPortTaken cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the process that holds the port (another fou-bot?), or give the embedded mail server free ports "
                        + "(0: any free port), or name a mail server of your own (FOUBOT_SMTP_URL, FOUBOT_IMAP_URL), and "
                        + "start again.", cause);
    }
}
