package se.foubot.web;

import java.io.Serializable;

/** Someone signed in with a single-use link: the Slack user id or e-mail address the link was sent to. */
record StaffPrincipal(String identifier) implements Serializable {

    @Override
    public String toString() {
        return identifier;
    }
}
