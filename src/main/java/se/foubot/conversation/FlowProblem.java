package se.foubot.conversation;

/** Something wrong in a flow file, with where it is. */
public record FlowProblem(String file, int line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
