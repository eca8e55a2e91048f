package se.foubot.grants;

/** The grant rules the reminders quote and the grant questions check (amounts in kronor). */
public record GrantRules(long maxAmountPerProjectYear, int minProjectYears, int maxProjectYears, int maxProjectsPerDistrict,
        int maxStudyTripsPerDistrict, long maxAmountPerStudyTrip) {

    /** The rules under their names in {@code rules/grant-calendar.yaml}, for texts that quote them by name. */
    public java.util.Map<String, Long> byName() {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("max-amount-per-project-year", maxAmountPerProjectYear);
        m.put("min-project-years", (long) minProjectYears);
        m.put("max-project-years", (long) maxProjectYears);
        m.put("max-projects-per-district", (long) maxProjectsPerDistrict);
        m.put("max-study-trips-per-district", (long) maxStudyTripsPerDistrict);
        m.put("max-amount-per-study-trip", maxAmountPerStudyTrip);
        return m;
    }

    /** The rules that are sums of money (quoted as kronor). */
    public static boolean isAmount(String name) {
        return name.startsWith("max-amount");
    }
}
