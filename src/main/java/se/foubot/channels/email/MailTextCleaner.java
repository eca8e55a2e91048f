package se.foubot.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a mail's text into what is new, and the signature; drops quoted history (lines starting with "&gt;",
 * "-----Original Message-----", Outlook's "Från:/From: … Skickat:/Sent:" block, "Den … skrev:", "On … wrote:", and Gmail's Swedish "Den … skrev Namn &lt;adress&gt;:").
 */
final class MailTextCleaner {

    record Cleaned(String text, String signature) {
    }

    private static final Pattern HISTORY_START = Pattern.compile(
            "(?i)^(-{2,}\\s*(original message|ursprungligt meddelande|vidarebefordrat meddelande|forwarded message)\\s*-{2,}.*"
                    + "|(från|from):\\s.+"
                    + "|(den|on)\\s.+(skrev|wrote)(\\s[^:]*)?:\\s*"
                    + "|_{10,})$");
    private static final Pattern SIGNATURE_START = Pattern.compile(
            "(?i)^(--\\s*|med vänlig(a)? hälsning(ar)?[,!.]?|vänlig(a)? hälsning(ar)?[,!.]?|mvh[,.]?|hälsningar[,!.]?"
                    + "|best regards[,.]?|kind regards[,.]?|regards[,.]?)\\s*$");

    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private MailTextCleaner() {
    }

    static Cleaned clean(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            if (HISTORY_START.matcher(trimmed).matches()) {
                break;
            }
            if (!trimmed.startsWith(">")) {
                kept.add(line.stripTrailing());
            }
        }
        int sig = -1;
        for (int i = 0; i < kept.size(); i++) {
            if (SIGNATURE_START.matcher(kept.get(i).strip()).matches()) {
                sig = i;
                break;
            }
        }
        String body = String.join("\n", sig < 0 ? kept : kept.subList(0, sig)).strip();
        String signature = sig < 0 ? "" : String.join("\n", kept.subList(sig, kept.size())).strip();
        return new Cleaned(BLANK_LINES.matcher(body).replaceAll("\n\n"), signature);
    }
}
