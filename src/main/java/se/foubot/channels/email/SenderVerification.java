package se.foubot.channels.email;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the receiving mail server proved the From address: its {@code Authentication-Results} show DMARC pass
 * for the From domain, or SPF or DKIM pass for a domain aligned with it — and the field was written by a server
 * the operator trusts ({@code FOUBOT_MAIL_TRUSTED_AUTHSERV_IDS}) when it received the mail.
 *
 * <p>Everything below the trusted server's own {@code Received:} line came with the mail, so a sender can write
 * any "dmarc=pass" there. Only fields <em>above</em> the topmost {@code Received:} line written by the trusted
 * server count (a line whose {@code by} names that server or a host under it); a mail that server did not stamp
 * there is not proven. Milters (OpenDKIM, OpenDMARC) and Exchange Online put their field there; Gmail writes its
 * {@code Authentication-Results} below its Received line, where a forgery would sit too, but its
 * {@code ARC-Authentication-Results} copy above it, which is what is read for Gmail. Of the fields above the line,
 * per method the topmost result counts: several milters each write a field of their own, all of them the
 * server's.
 */
final class SenderVerification {

    /** The setting's word for Exchange Online, whose fields carry no authserv-id. */
    static final String EXCHANGE_ONLINE = "exchange-online";

    /** Exchange Online's front door: the Received line where it took the mail from outside names a host here. */
    private static final String EXCHANGE_FRONT_DOOR = "protection.outlook.com";
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[;.]+$");

    /** A server the operator trusts: the id it writes in its fields, the host (domain) its Received lines name. */
    private record TrustedServer(String name, String authservId, String host) {
    }

    private final List<TrustedServer> trusted;

    SenderVerification(List<String> trustedAuthservIds) {
        this.trusted = trustedAuthservIds.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .distinct()
                .map(s -> s.equals(EXCHANGE_ONLINE)
                        ? new TrustedServer(s, AuthenticationResults.NO_AUTHSERV_ID, EXCHANGE_FRONT_DOOR)
                        : new TrustedServer(s, s, s))
                .toList();
    }

    /**
     * @param trace the mail's Authentication-Results, ARC-Authentication-Results and Received fields, top first,
     *              as "name: value"
     * @return how the sender was proven (e.g. "dmarc by mx.google.com"), or empty
     */
    Optional<String> proof(String fromAddress, List<String> trace) {
        if (trusted.isEmpty() || fromAddress == null || fromAddress.lastIndexOf('@') < 0) {
            return Optional.empty();
        }
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        for (TrustedServer server : trusted) {
            Optional<String> method = passing(stamp(server, trace), domain);
            if (method.isPresent()) {
                return Optional.of(method.get() + " by " + server.name());
            }
        }
        return Optional.empty();
    }

    /**
     * The trusted server found DMARC failing for the From domain: the From is forged (or its domain's own setup is
     * broken). Such mail is never answered: an answer would go to the person whose address was forged (backscatter).
     *
     * @return the verdict (e.g. "dmarc=fail by mx.google.com"), or empty
     */
    Optional<String> forged(String fromAddress, List<String> trace) {
        if (trusted.isEmpty() || fromAddress == null || fromAddress.lastIndexOf('@') < 0) {
            return Optional.empty();
        }
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        for (TrustedServer server : trusted) {
            AuthenticationResults.Result dmarc = stamp(server, trace).get("dmarc");
            if (dmarc != null && dmarc.result().equals("fail")
                    && (dmarc.property("header.from") == null || domain.equals(dmarc.property("header.from")))) {
                return Optional.of("dmarc=fail by " + server.name());
            }
        }
        return Optional.empty();
    }

    /** Per method, the topmost result the server wrote above its own topmost Received line; empty if none. */
    private static Map<String, AuthenticationResults.Result> stamp(TrustedServer server, List<String> trace) {
        int receipt = -1;
        for (int i = 0; i < trace.size() && receipt < 0; i++) {
            if (name(trace.get(i)).equals("received") && under(receivedBy(value(trace.get(i))), server.host())) {
                receipt = i;
            }
        }
        Map<String, AuthenticationResults.Result> results = new LinkedHashMap<>();
        for (int i = 0; i < receipt; i++) {
            String name = name(trace.get(i));
            AuthenticationResults ar = name.equals("authentication-results")
                    ? AuthenticationResults.parse(value(trace.get(i)))
                    : name.equals("arc-authentication-results") ? AuthenticationResults.parseArc(value(trace.get(i))) : null;
            if (ar != null && ar.authservId().equals(server.authservId())) {
                ar.results().forEach(r -> results.putIfAbsent(r.method(), r));
            }
        }
        return results;
    }

    private static String name(String field) {
        int colon = field.indexOf(':');
        return field.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT);
    }

    private static String value(String field) {
        return field.substring(field.indexOf(':') + 1);
    }

    /**
     * The host in a Received field's {@code by} clause (RFC 5321 section 4.4: {@code [from X] [by Y] …}), read by its
     * place after the from-clause so that a client's HELO name can never pose as it; empty when there is none.
     */
    static String receivedBy(String received) {
        String[] words = SPACES.split(AuthenticationResults.stripComments(received).strip());
        int at = 0;
        if (words.length > 1 && words[0].equalsIgnoreCase("from")) {
            at = 2;
        }
        if (at + 1 < words.length && words[at].equalsIgnoreCase("by")) {
            return TRAILING_PUNCTUATION.matcher(words[at + 1]).replaceAll("").toLowerCase(Locale.ROOT);
        }
        return "";
    }

    /** The host is the server's name or a host under it ("mail.stad.se" under "stad.se"). */
    private static boolean under(String host, String serverHost) {
        return !host.isEmpty() && (host.equals(serverHost) || host.endsWith("." + serverHost));
    }

    private static Optional<String> passing(Map<String, AuthenticationResults.Result> results, String domain) {
        AuthenticationResults.Result dmarc = results.get("dmarc");
        if (dmarc != null && dmarc.result().equals("pass") && domain.equals(dmarc.property("header.from"))) {
            return Optional.of("dmarc");
        }
        if (dmarc != null && dmarc.result().equals("fail")) {
            return Optional.empty(); // the receiver weighed SPF and DKIM for this From and found neither aligned
        }
        AuthenticationResults.Result spf = results.get("spf");
        if (spf != null && spf.result().equals("pass") && aligned(domainOf(spf.property("smtp.mailfrom")), domain)) {
            return Optional.of("spf");
        }
        AuthenticationResults.Result dkim = results.get("dkim");
        if (dkim != null && dkim.result().equals("pass") && aligned(dkim.property("header.d") != null
                ? dkim.property("header.d") : domainOf(dkim.property("header.i")), domain)) {
            return Optional.of("dkim");
        }
        return Optional.empty();
    }

    private static String domainOf(String addressOrDomain) {
        if (addressOrDomain == null) {
            return null;
        }
        return addressOrDomain.substring(addressOrDomain.lastIndexOf('@') + 1);
    }

    /**
     * DMARC's relaxed alignment, without the public-suffix list: the same domain, or one a subdomain of the other
     * where the shorter still has a dot (so that "se" never aligns with "stockholm.se").
     */
    static boolean aligned(String authenticated, String from) {
        if (authenticated == null || authenticated.isEmpty()) {
            return false;
        }
        String a = authenticated.toLowerCase(Locale.ROOT);
        if (a.equals(from)) {
            return true;
        }
        String shorter = a.length() < from.length() ? a : from;
        String longer = a.length() < from.length() ? from : a;
        return shorter.contains(".") && longer.endsWith("." + shorter);
    }
}
