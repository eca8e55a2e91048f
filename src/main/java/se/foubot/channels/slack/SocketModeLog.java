package se.foubot.channels.slack;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import se.foubot.privacy.LogText;

/**
 * The logger handed to Bolt's Socket Mode client. Bolt logs every failed connection attempt with a stack trace and,
 * at DEBUG, every envelope whole; here its warnings and errors are only remembered, for {@link SlackSocketMode} to
 * report once, its info lines go to our log at DEBUG, and its DEBUG (the envelopes) is off.
 */
final class SocketModeLog extends LegacyAbstractLogger {

    private final transient Logger delegate;
    private volatile String lastProblem;

    SocketModeLog(Logger delegate) {
        this.delegate = delegate;
        this.name = "slack-socket-mode";
    }

    /** What Bolt last complained of (the exception's class and message), or null. */
    String lastProblem() {
        return lastProblem;
    }

    void forget() {
        lastProblem = null;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        if (level == Level.ERROR || level == Level.WARN) {
            lastProblem = throwable != null ? LogText.describe(throwable)
                    : LogText.clean(MessageFormatter.basicArrayFormat(pattern, arguments));
        } else if (level == Level.INFO && delegate.isDebugEnabled()) {
            delegate.debug("event=slack_socket_mode_client detail=\"{}\"",
                    LogText.clean(MessageFormatter.basicArrayFormat(pattern, arguments)));
        }
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        // Bolt's DEBUG prints each envelope (message texts) whole
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return delegate.isDebugEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
