package se.foubot.deadletter;

/** Published once, by the replica that parked it, when work is parked; the staff channel is told of it. */
public record DeadLetterParked(DeadLetter deadLetter) {
}
