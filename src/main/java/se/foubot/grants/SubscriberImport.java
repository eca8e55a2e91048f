package se.foubot.grants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ChoiceMatcher;
import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.OptionList;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * An admin's CSV of district contacts ({@code email,district,programmes}, a header line, ";" or "," separated;
 * programmes as "LUM MUL" or "LUM|MUL", empty for all). Good rows subscribe; every refused row is reported with
 * its line and reason, and nothing of it is stored.
 */
@Component
class SubscriberImport {

    /** No white space of any kind: a non-breaking space from a word processor is no part of an address (helper 100). */
    private static final Pattern EMAIL = Pattern.compile("(?U)^[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+$");
    /** What a refusal repeats of a cell or row: enough to find it in the file, not the whole of a runaway one. */
    private static final int SHOWN_CHARS = 200;
    private static final int DISTRICT_MAX_CHARS = 100;

    /** The outcome of one import. */
    record Report(int subscribed, List<Refused> refused) {
    }

    record Refused(int line, String row, String reason) {
    }

    private final GrantSubscriptions subscriptions;
    private final GrantCalendar calendar;
    private final OptionList districts;
    private final OutsideTextGuard guard;

    SubscriberImport(GrantSubscriptions subscriptions, GrantCalendar calendar, FlowCatalog catalog, OutsideTextGuard guard) {
        this.guard = guard;
        this.subscriptions = subscriptions;
        this.calendar = calendar;
        this.districts = catalog.list("districts").orElseThrow();
    }

    /**
     * Reads the CSV as RFC 4180 (a quoted field may hold the separator or a line break), with {@code ;} as the separator
     * when the first line has one (Excel in Swedish writes that), {@code ,} otherwise. A row that held a personal
     * identity number comes without it (the guard has run over the whole text), so it is refused with the number
     * removed; a CSV that cannot be read at all is refused whole.
     */
    Report run(GuardedText csv) {
        List<Refused> refused = new ArrayList<>();
        int subscribed = 0;
        String text = csv.textOr("").replace("\uFEFF", "");
        String firstLine = text.lines().findFirst().orElse("");
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(firstLine.indexOf(';') >= 0 ? ';' : ',')
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            records = parser.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return new Report(0, List.of(new Refused(0, "", "not a readable CSV (RFC 4180): " + e.getClass().getSimpleName())));
        }
        // the line each address was subscribed from: a second row for it is refused, not a silent second count
        java.util.Map<String, Integer> subscribedOn = new java.util.HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            CSVRecord record = records.get(i);
            // read again by the guard: quoting may have joined what the raw text kept apart
            List<GuardedText> guarded = guard.checkAll(List.of(record.values()));
            String[] cells = guarded.stream().map(g -> g.textOr("")).toArray(String[]::new);
            String row = shown(String.join(",", cells));
            int lineNo = lineOf(text, record.getCharacterPosition());
            if (guarded.stream().anyMatch(GuardedText::identityNumberRemoved)) {
                refused.add(new Refused(lineNo, row, "holds a personal identity number"));
                continue;
            }
            if (i == 0 && cells.length > 0 && cells[0].toLowerCase(Locale.ROOT).startsWith("email")) {
                continue;
            }
            String email = cells.length > 0 ? cells[0].strip() : "";
            String district = cells.length > 1 ? cells[1].strip() : "";
            String programmeCell = cells.length > 2 ? String.join(" ", Arrays.copyOfRange(cells, 2, cells.length)) : "";
            if (Recipient.longerThanAnEmailAddressCanBe(email)) {
                refused.add(new Refused(lineNo, row, "longer than an e-mail address can be ("
                        + email.getBytes(StandardCharsets.UTF_8).length + " bytes in UTF-8; at most " + Recipient.EMAIL_MAX_LENGTH + ")"));
                continue;
            }
            if (!EMAIL.matcher(email).matches()) {
                refused.add(new Refused(lineNo, row, "not an e-mail address: '" + shown(email) + "'"));
                continue;
            }
            String districtId = null;
            if (!district.isEmpty()) {
                // no district's name is a hundred characters long: a runaway cell is not worth the matcher's time
                if (district.length() > DISTRICT_MAX_CHARS) {
                    refused.add(new Refused(lineNo, row, "longer than any district's name (" + district.length()
                            + " characters; see lists/districts.yaml)"));
                    continue;
                }
                if (!(ChoiceMatcher.match(districts.options(), district) instanceof ChoiceMatcher.Picked picked)) {
                    refused.add(new Refused(lineNo, row, "unknown or ambiguous district '" + shown(district) + "' (see lists/districts.yaml)"));
                    continue;
                }
                districtId = picked.option().id();
            }
            List<String> programmes = new ArrayList<>();
            String unknown = null;
            // "LUM MUL", "LUM+MUL", "LUM/MUL", and in a quoted cell "LUM,MUL" or "LUM;MUL" (helper 100: refused)
            for (String p : programmeCell.toUpperCase(Locale.ROOT).split("[\\s|/+,;]+")) {
                if (p.isBlank()) {
                    continue;
                }
                if (!calendar.programmes().containsKey(p)) {
                    unknown = p;
                } else if (!programmes.contains(p)) {
                    programmes.add(p);
                }
            }
            if (unknown != null) {
                refused.add(new Refused(lineNo, row, "unknown programme '" + shown(unknown) + "' (known: "
                        + String.join(", ", calendar.programmes().keySet()) + ")"));
                continue;
            }
            if (programmes.isEmpty()) {
                programmes.addAll(calendar.programmes().keySet().stream().sorted().toList());
            }
            Integer before = subscribedOn.putIfAbsent(email.toLowerCase(Locale.ROOT), lineNo);
            if (before != null) {
                refused.add(new Refused(lineNo, row, "the same address as line " + before + ", which is kept"));
                continue;
            }
            subscriptions.subscribe("email", email, email, districtId, programmes, "sv", "import");
            subscribed++;
        }
        return new Report(subscribed, refused);
    }

    private static String shown(String text) {
        if (text.length() <= SHOWN_CHARS) {
            return text;
        }
        // never half of a character written as a surrogate pair (an emoji): a strict JSON reader refuses one
        int end = Character.isHighSurrogate(text.charAt(SHOWN_CHARS - 1)) ? SHOWN_CHARS - 1 : SHOWN_CHARS;
        return text.substring(0, end) + "… (" + text.codePointCount(0, text.length()) + " characters)";
    }

    /** The line (from 1) that the character at {@code position} stands on. */
    private static int lineOf(String text, long position) {
        int line = 1;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
