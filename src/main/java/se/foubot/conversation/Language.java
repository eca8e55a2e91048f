package se.foubot.conversation;

/** The languages the bot speaks; Swedish first. */
public enum Language {
    SV, EN;

    public String code() {
        return name().toLowerCase();
    }
}
