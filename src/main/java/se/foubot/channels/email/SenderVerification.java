package se.foubot.channels.email;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the receiving mail server proved the From address: its {@code Authentication-Results} show DMARC pass
 * for the From domain, or SPF or DKIM pass for a domain aligned with it — and the field was written by a server
 * the operator trusts ({@code FOUBOT_MAIL_TRUSTED_AUTHSERV_IDS}).
 *
 * <p>Only the trusted server's own fields count: the topmost field with a trusted authserv-id and the fields with
 * that id below it up to the next {@code Received} header, and of those, per method (dmarc, spf, dkim) the topmost
 * result. Anything further down arrived with the mail from the previous hop — that is where a sender puts a forged
 * "dmarc=pass" — and a forged field just under the real one cannot overrule it. A server that follows RFC 8601
 * section 5 also removes fields that claim its id; Gmail and Exchange Online do (Exchange renames them
 * Authentication-Results-Original).
 */
final class SenderVerification {

    /** The setting's word for Exchange Online, whose fields carry no authserv-id. */
    static final String EXCHANGE_ONLINE = "exchange-online";

    private final Set<String> trusted;

    SenderVerification(List<String> trustedAuthservIds) {
        this.trusted = trustedAuthservIds.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .map(s -> s.equals(EXCHANGE_ONLINE) ? AuthenticationResults.NO_AUTHSERV_ID : s).collect(Collectors.toSet());
    }

    /**
     * @param trace the mail's Authentication-Results and Received fields, top first, as "name: value"
     * @return how the sender was proven (e.g. "dmarc by mx.google.com"), or empty
     */
    Optional<String> proof(String fromAddress, List<String> trace) {
        if (trusted.isEmpty() || fromAddress == null || fromAddress.lastIndexOf('@') < 0) {
            return Optional.empty();
        }
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String block = null;
        // per method, the topmost result counts: a field further down the block cannot overrule what is above it
        Map<String, AuthenticationResults.Result> results = new LinkedHashMap<>();
        for (String field : trace) {
            int colon = field.indexOf(':');
            String name = field.substring(0, Math.max(colon, 0)).strip().toLowerCase(Locale.ROOT);
            if (name.equals("received") && block != null) {
                break; // below here: what came with the mail
            }
            if (!name.equals("authentication-results")) {
                continue;
            }
            AuthenticationResults ar = AuthenticationResults.parse(field.substring(colon + 1));
            if (block == null && trusted.contains(ar.authservId())) {
                block = ar.authservId();
            }
            if (block != null && ar.authservId().equals(block)) {
                ar.results().forEach(r -> results.putIfAbsent(r.method(), r));
            }
        }
        String by = block == null ? null : block.isEmpty() ? EXCHANGE_ONLINE : block;
        return passing(results, domain).map(method -> method + " by " + by);
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
