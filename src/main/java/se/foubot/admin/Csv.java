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
