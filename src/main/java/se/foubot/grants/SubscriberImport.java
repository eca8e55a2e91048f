package se.foubot.grants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ChoiceMatcher;
import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.OptionList;
import se.foubot.privacy.GuardedText;

/**
 * An admin's CSV of district contacts ({@code email,district,programmes}, a header line, ";" or "," separated;
 * programmes as "LUM MUL" or "LUM|MUL", empty for all). Good rows subscribe; every refused row is reported with
 * its line and reason, and nothing of it is stored.
 */
@Component
class SubscriberImport {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+$");

    /** The outcome of one import. */
    record Report(int subscribed, List<Refused> refused) {
    }

    record Refused(int line, String row, String reason) {
    }

    private final GrantSubscriptions subscriptions;
    private final GrantCalendar calendar;
    private final OptionList districts;

    SubscriberImport(GrantSubscriptions subscriptions, GrantCalendar calendar, FlowCatalog catalog) {
        this.subscriptions = subscriptions;
        this.calendar = calendar;
        this.districts = catalog.list("districts").orElseThrow();
    }

    /** A row that held a personal identity number comes without it, so it is refused with the number removed. */
    Report run(GuardedText csv) {
        List<Refused> refused = new ArrayList<>();
        int subscribed = 0;
        String[] lines = csv.textOr("").replace("\uFEFF", "").split("\\r?\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String row = lines[i].strip();
            int lineNo = i + 1;
            if (row.isEmpty() || (i == 0 && row.toLowerCase(Locale.ROOT).startsWith("email"))) {
                continue;
            }
            String[] cells = row.split("[;,]", -1);
            String email = cells[0].strip().replace("\"", "");
            String district = cells.length > 1 ? cells[1].strip().replace("\"", "") : "";
            String programmeCell = cells.length > 2 ? String.join(" ", Arrays.copyOfRange(cells, 2, cells.length)).replace("\"", "") : "";
            if (!EMAIL.matcher(email).matches()) {
                refused.add(new Refused(lineNo, row, "not an e-mail address: '" + email + "'"));
                continue;
            }
            String districtId = null;
            if (!district.isEmpty()) {
                if (!(ChoiceMatcher.match(districts.options(), district) instanceof ChoiceMatcher.Picked picked)) {
                    refused.add(new Refused(lineNo, row, "unknown or ambiguous district '" + district + "' (see lists/districts.yaml)"));
                    continue;
                }
                districtId = picked.option().id();
            }
            List<String> programmes = new ArrayList<>();
            String unknown = null;
            for (String p : programmeCell.toUpperCase(Locale.ROOT).split("[\\s|/+]+")) {
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
                refused.add(new Refused(lineNo, row, "unknown programme '" + unknown + "' (known: "
                        + String.join(", ", calendar.programmes().keySet()) + ")"));
                continue;
            }
            if (programmes.isEmpty()) {
                programmes.addAll(calendar.programmes().keySet().stream().sorted().toList());
            }
            subscriptions.subscribe("email", email, email, districtId, programmes, "sv", "import");
            subscribed++;
        }
        return new Report(subscribed, refused);
    }
}
