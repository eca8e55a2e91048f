package se.foubot.tasks;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import se.foubot.conversation.LocalizedText;

/** How soon a task is needed, from the requested date: within two weeks is high, within two months normal. */
public enum Priority {
    HIGH(LocalizedText.of("Hög", "High")),
    NORMAL(LocalizedText.of("Normal", "Normal")),
    LOW(LocalizedText.of("Låg", "Low"));

    static final int HIGH_WITHIN_DAYS = 14;
    static final int NORMAL_WITHIN_DAYS = 60;

    private final LocalizedText label;

    Priority(LocalizedText label) {
        this.label = label;
    }

    public LocalizedText label() {
        return label;
    }

    /** No date given: normal. */
    public static Priority from(LocalDate neededBy, LocalDate today) {
        if (neededBy == null) {
            return NORMAL;
        }
        long days = ChronoUnit.DAYS.between(today, neededBy);
        return days <= HIGH_WITHIN_DAYS ? HIGH : days <= NORMAL_WITHIN_DAYS ? NORMAL : LOW;
    }
}
