package se.foubot.hostile;

import java.util.List;

/**
 * A set of rows for the hostile-input table. To add rows (the Slack edge, a new channel), implement this in
 * {@code src/test/java/se/foubot/hostile/} and name the class in
 * {@code src/test/resources/META-INF/services/se.foubot.hostile.HostileInputRows}; the harness finds it there.
 */
public interface HostileInputRows {

    /** The section of the table, e.g. "mail". */
    String section();

    List<HostileInput> rows();
}
