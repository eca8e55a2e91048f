package se.foubot.forum;

import java.time.LocalDate;
import java.time.LocalTime;

import se.foubot.privacy.GuardedText;

/**
 * What a coordinator enters for a meeting, in local time (Europe/Stockholm), before it is checked. The free-text
 * fields come from a form, so they are held as the privacy guard left them.
 */
public record MeetingPlan(GuardedText title, LocalDate date, LocalTime start, LocalTime end, GuardedText place,
        GuardedText videoLink, Integer capacity, LocalDate registrationDeadline, GuardedText description, GuardedText agenda) {
}
