package se.foubot.channels.email;

import java.time.LocalDate;

/**
 * What an email request has told so far. A fact is known when it is not null; {@code timeframeGiven} is true
 * also when the person said there is no hurry ({@code neededBy} stays null then), and {@code categoryGiven}
 * also when they said they do not know (the task is then sorted by hand).
 */
record EmailFacts(String district, String category, boolean categoryGiven, LocalDate neededBy, boolean timeframeGiven,
        String concern) {

    boolean complete() {
        return district != null && categoryGiven && timeframeGiven && concern != null && !concern.isBlank();
    }

    /** This request's facts, with what {@code later} adds. */
    EmailFacts with(EmailFacts later) {
        return new EmailFacts(district != null ? district : later.district(),
                categoryGiven ? category : later.category(), categoryGiven || later.categoryGiven(),
                timeframeGiven ? neededBy : later.neededBy(), timeframeGiven || later.timeframeGiven(),
                concern != null && !concern.isBlank() ? concern : later.concern());
    }
}
