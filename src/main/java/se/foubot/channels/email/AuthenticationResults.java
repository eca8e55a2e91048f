package se.foubot.channels.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code Authentication-Results} header field (RFC 8601) read into its authserv-id and its results. Written
 * here because no maintained Java library reads it: comments (in parentheses, nested) are dropped outside quoted
 * strings, the field is cut at each {@code ;}, and each result is {@code method=result} followed by
 * {@code ptype.property=value} pairs. Exchange Online writes the field without an authserv-id; it is read as
 * {@link #NO_AUTHSERV_ID}.
 *
 * @param authservId the server that wrote the field, lower case
 * @param results    what it found, in order
 */
record AuthenticationResults(String authservId, List<Result> results) {

    /** The authserv-id of a field that names none (Exchange Online writes it so). */
    static final String NO_AUTHSERV_ID = "";

    /** The authserv-id of a field that cannot be read as one; a comment, so no field can name it. */
    static final String UNREADABLE = "(unreadable)";

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern INSTANCE_TAG = Pattern.compile("i\\s*=\\s*\\d+");
    private static final Pattern SPACED_EQUALS = Pattern.compile("\\s*=\\s*");
    private static final Pattern DOT_BEFORE_PROPERTY = Pattern.compile("\\s*\\.\\s*(?=[A-Za-z-]+=)");

    /** One method's outcome, e.g. dmarc=pass with header.from=stockholm.se. */
    record Result(String method, String result, Map<String, String> properties) {

        String property(String name) {
            return properties.get(name);
        }
    }

    static AuthenticationResults parse(String field) {
        List<String> parts = split(stripComments(field == null ? "" : field));
        String first = parts.isEmpty() ? "" : parts.get(0).strip();
        List<Result> results = new ArrayList<>();
        String authservId;
        int from;
        if (first.contains("=")) {
            authservId = NO_AUTHSERV_ID;
            from = 0;
        } else {
            // "mx.google.com" or "mail.stad.se 1" (an optional version)
            String[] words = SPACES.split(first);
            authservId = words[0].toLowerCase(Locale.ROOT);
            from = 1;
        }
        for (int i = from; i < parts.size(); i++) {
            Result r = result(parts.get(i));
            if (r != null) {
                results.add(r);
            }
        }
        return new AuthenticationResults(authservId, List.copyOf(results));
    }

    /**
     * An {@code ARC-Authentication-Results} field (RFC 8617): the instance tag {@code i=N;} and then an
     * Authentication-Results field's value.
     */
    static AuthenticationResults parseArc(String field) {
        String value = field == null ? "" : field;
        int semicolon = value.indexOf(';');
        boolean tagged = semicolon >= 0 && INSTANCE_TAG.matcher(value.substring(0, semicolon).strip().toLowerCase(Locale.ROOT)).matches();
        return tagged ? parse(value.substring(semicolon + 1)) : new AuthenticationResults(UNREADABLE, List.of());
    }

    private static Result result(String part) {
        // "method = result" and "ptype . property = value" may carry spaces around = and .
        String compact = DOT_BEFORE_PROPERTY.matcher(SPACED_EQUALS.matcher(part.strip()).replaceAll("=")).replaceAll(".");
        String[] tokens = SPACES.split(compact);
        if (tokens.length == 0 || !tokens[0].contains("=")) {
            return null;
        }
        String method = tokens[0].substring(0, tokens[0].indexOf('=')).toLowerCase(Locale.ROOT);
        String result = unquote(tokens[0].substring(tokens[0].indexOf('=') + 1)).toLowerCase(Locale.ROOT);
        Map<String, String> properties = new LinkedHashMap<>();
        for (int t = 1; t < tokens.length; t++) {
            int eq = tokens[t].indexOf('=');
            if (eq > 0) {
                properties.putIfAbsent(tokens[t].substring(0, eq).toLowerCase(Locale.ROOT),
                        unquote(tokens[t].substring(eq + 1)).toLowerCase(Locale.ROOT));
            }
        }
        return new Result(method.contains("/") ? method.substring(0, method.indexOf('/')) : method, result, properties);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** The field without its (nested) comments; quoted strings are kept whole. */
    static String stripComments(String field) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(field.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    out.append(' ');
                }
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Cut at each ; outside quoted strings. */
    private static List<String> split(String field) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : field.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
