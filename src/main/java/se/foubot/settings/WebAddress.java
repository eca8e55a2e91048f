package se.foubot.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A setting that is a web address the bot makes links or calls with ({@code FOUBOT_PUBLIC_URL}, {@code SLACK_API_URL}):
 * http:// or https://, a host, perhaps a port and a path. Anything else stops the start with what is wrong, naming the
 * variable and never its value, which may hold a password or a token (in its user part or query).
 */
public final class WebAddress {

    private WebAddress() {
    }

    /** @throws SettingProblem when {@code value} is no such address */
    public static void require(String variable, String value, String example) {
        String wrong = wrong(value);
        if (wrong != null) {
            throw new SettingProblem(variable + " is not a web address: it " + wrong + ".", "Set " + variable
                    + " to an address such as " + example + ": http:// or https://, a host, perhaps a port and a path; no"
                    + " user name or password, query (?…) or fragment (#…).");
        }
    }

    /** What is wrong with {@code value} as a web address, or null. */
    static String wrong(String value) {
        if (value == null || value.isBlank()) {
            return "is empty";
        }
        if (value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            return "holds a space or a line break";
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "cannot be read as an address";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "does not start with http:// or https://";
        }
        if (uri.getRawUserInfo() != null) {
            return "holds a user name or password";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "names no host";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return "names a port that is not 1 to 65535";
        }
        if (uri.getRawQuery() != null) {
            return "has a query (?…)";
        }
        if (uri.getRawFragment() != null) {
            return "has a fragment (#…)";
        }
        return null;
    }
}
