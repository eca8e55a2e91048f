package se.foubot.settings;

/**
 * A start the operator's settings stop, with what is wrong and what to do, in words an operator reads: shown as
 * Spring Boot's short failure report ({@link SettingProblemFailureAnalyzer}), not a page of stack trace. The message
 * names the setting, never its value (it may hold a password).
 */
public final class SettingProblem extends RuntimeException {

    private final String action;

    /**
     * @param problem what is wrong, naming the environment variable
     * @param action  what to do about it
     */
    public SettingProblem(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public SettingProblem(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
