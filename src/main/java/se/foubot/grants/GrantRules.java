package se.foubot.grants;

/** The grant rules the reminders quote and the grant questions check (amounts in kronor). */
public record GrantRules(long maxAmountPerProjectYear, int minProjectYears, int maxProjectYears, int maxProjectsPerDistrict,
        int maxStudyTripsPerDistrict, long maxAmountPerStudyTrip) {
}
