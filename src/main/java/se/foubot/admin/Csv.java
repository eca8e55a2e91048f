package se.foubot.admin;

/**
 * A CSV file for the exports (RFC 4180: comma-separated, CRLF, quotes doubled), with a UTF-8 byte-order mark so
 * that Excel opens Swedish letters right. Cells starting with = + - @ — also behind white space or characters that show
 * nothing, which some spreadsheets skip — or with a tab or carriage return are prefixed with ' so a spreadsheet never
 * runs them as formulas (OWASP's CSV injection list).
 */
public final class Csv {

    private static final java.util.regex.Pattern FORMULA_FIRST = java.util.regex.Pattern.compile(
            // besides the format and space characters, the fillers and blanks that show nothing (helper 107)
            "^(?:[\\p{Cf}\\p{Z}\\s\\u034F\\u115F\\u1160\\u3164\\uFFA0\\u2800]*[=+\\-@]|[\\t\\r])");

    private final StringBuilder out = new StringBuilder("\uFEFF");

    /** One style for every time in every export: to the second, with the offset (a time on the minute kept its ":00"). */
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /**
     * {@code instant} in {@code zone} as every export writes a time, "2026-12-02T09:09:00+01:00" (helper 121: a task made
     * by hand on the minute showed "09:09+01:00" beside another's "21:52:59.982+01:00").
     */
    public static String time(java.time.Instant instant, java.time.ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    /** "tasks-2026.csv" for a year's export, "tasks.csv" for all years: two years' downloads do not overwrite each other. */
    public static String fileName(String name, Integer year) {
        return name + (year == null ? "" : "-" + year) + ".csv";
    }

    public Csv(String... header) {
        row(header);
    }

    public Csv row(String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
        return this;
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = FORMULA_FIRST.matcher(value).find() ? "'" + value : value;
        return v.matches("(?s).*[\",\r\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** As a download named {@code fileName}. */
    public org.springframework.http.ResponseEntity<String> response(String fileName) {
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(toString());
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
