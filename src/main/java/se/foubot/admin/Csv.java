package se.foubot.admin;

/**
 * A CSV file for the exports (RFC 4180: comma-separated, CRLF, quotes doubled), with a UTF-8 byte-order mark so
 * that Excel opens Swedish letters right. Cells starting with = + - @ are prefixed with ' so a spreadsheet never
 * runs them as formulas.
 */
public final class Csv {

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
        String v = value.isEmpty() || "=+-@".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
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
