package se.foubot.conversation;

/** Why a flow ended without its outcome: see {@link OutcomeAction#unanswered}. */
public enum Unanswered {
    /** The person wrote "avbryt". */
    CANCELLED,
    /** The bot started another flow for the person in its place (a newer question). */
    REPLACED,
    /** It lay idle past the conversation timeout. */
    EXPIRED,
    /** Its conversation could not be read any more (changed by hand) and was begun again. */
    UNREADABLE,
    /** Its flow no longer exists (its file removed or renamed in a new version, or the name changed by hand). */
    FLOW_GONE
}
