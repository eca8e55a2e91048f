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
                    + "|best regards[,.]?|kind regards[,.]?|regards[,.]?"
                    // what a phone's mail app adds
                    + "|skickat från min \\S+.*|sent from my \\S+.*|(hämta|skaffa|get) outlook för (ios|android)|get outlook for (ios|android))\\s*$");

    /**
     * A greeting with the name on the same line ("Mvh Per", "Hälsningar, Anna Berg", "Best regards /John"): people
     * write it so on a phone. Only near the end of the mail, where a sentence that starts "Hälsningar från …" is not.
     */
    private static final Pattern SIGNATURE_WITH_NAME = Pattern.compile(
            "^(?i:med vänlig(a)? hälsning(ar)?|vänlig(a)? hälsning(ar)?|mvh|hälsningar|hälsning|best regards|kind regards|regards"
                    + "|cheers)[,!.]?\\s*[/,–-]?\\s*\\p{Lu}[\\p{L}'.-]*(\\s+\\p{Lu}[\\p{L}'.-]*){0,3}\\s*$");
    /** Non-empty lines from the end within which a greeting with a name is read as the signature's start. */
    private static final int SIGNATURE_NEAR_END = 4;

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
        // "Mvh Per" above a phone's "Skickat från min iPhone": the signature starts at the greeting
        int named = greetingWithNameNearTheEnd(sig < 0 ? kept : kept.subList(0, sig));
        if (named >= 0) {
            sig = named;
        }
        String body = String.join("\n", sig < 0 ? kept : kept.subList(0, sig)).strip();
        String signature = sig < 0 ? "" : String.join("\n", kept.subList(sig, kept.size())).strip();
        return new Cleaned(BLANK_LINES.matcher(body).replaceAll("\n\n"), signature);
    }

    private static int greetingWithNameNearTheEnd(List<String> lines) {
        int nonEmpty = 0;
        for (int i = lines.size() - 1; i > 0 && nonEmpty < SIGNATURE_NEAR_END; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            nonEmpty++;
            if (SIGNATURE_WITH_NAME.matcher(line).matches()) {
                return i;
            }
        }
        return -1;
    }
}
