package se.foubot.tasks;

import se.foubot.conversation.LocalizedText;

/** Where a support task stands. */
public enum TaskStatus {
    NEW(LocalizedText.of("Ny – ej tagen", "New – unclaimed")),
    CLAIMED(LocalizedText.of("Tagen", "Claimed")),
    IN_PROGRESS(LocalizedText.of("Pågår", "In progress")),
    WAITING(LocalizedText.of("Väntar på förvaltningen", "Waiting for the district")),
    DONE(LocalizedText.of("Klar", "Done"));

    private final LocalizedText label;

    TaskStatus(LocalizedText label) {
        this.label = label;
    }

    public LocalizedText label() {
        return label;
    }

    public boolean open() {
        return this != DONE;
    }
}
