package se.foubot.forum;

import java.time.LocalDate;
import java.time.LocalTime;

/** What a coordinator enters for a meeting, in local time (Europe/Stockholm), before it is checked. */
public record MeetingPlan(String title, LocalDate date, LocalTime start, LocalTime end, String place, String videoLink,
        Integer capacity, LocalDate registrationDeadline, String description, String agenda) {
}
