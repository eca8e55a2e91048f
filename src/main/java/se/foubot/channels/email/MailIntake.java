package se.foubot.channels.email;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import se.foubot.conversation.AnswerType;
import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.DateAnswerParser;
import se.foubot.conversation.Flow;
import se.foubot.conversation.FormAnswers;
import se.foubot.conversation.TextNormalizer;
import se.foubot.conversation.WrittenForm;

/**
 * A support request written in a mail, read as the intake flow's {@code by-mail} steps (conversation-flows/intake.yaml):
 * labelled lines first ("Förvaltning: Bromma", read as the chat reads the answer), the rest of the text as the
 * concern. What the lines leave open is looked for where a mail tells it: the district by the sender (data) or named
 * in the signature or the text, the kind of support sorted from the text, a date or "ingen brådska" anywhere in it.
 */
final class MailIntake {

    static final String DISTRICT = "district";
    static final String CATEGORY = "category";

    private final WrittenForm form;
    private final Function<String, String> categoryOf;
    private final Map<String, String> senderDistricts;

    /**
     * @param categoryOf      the category a request's words sort into, null when people must sort it
     * @param senderDistricts whole address or domain to district id (rules/sender-districts.yaml)
     */
    MailIntake(Flow intake, Function<String, String> categoryOf, Map<String, String> senderDistricts) {
        this.form = new WrittenForm(intake);
        this.categoryOf = categoryOf;
        this.senderDistricts = senderDistricts;
        if (!form.fields().contains(DISTRICT) || !form.fields().contains(CATEGORY)) {
            throw new IllegalStateException(intake.file() + ": the intake flow's 'by-mail' part must name the steps 'district' "
                    + "and 'category' (see the intake.yaml shipped with the bot): mail requests are read by it");
        }
    }

    WrittenForm form() {
        return form;
    }

    /** What a mail answered, and the answers in it the chat would refuse (by step), to be asked again. */
    record Read(FormAnswers answers, Map<String, String> unreadable) {
    }

    /** The district a sender's address or domain tells, if the data says so. */
    String bySender(String sender) {
        if (sender == null) {
            return null;
        }
        String address = sender.toLowerCase();
        String district = senderDistricts.get(address);
        return district != null ? district : senderDistricts.get(address.substring(address.indexOf('@') + 1));
    }

    Read read(String sender, String subject, String text, String signature, LocalDate today) {
        String all = (subject == null ? "" : subject) + "\n" + (text == null ? "" : text);
        WrittenForm.Reading lines = form.read(text, today);
        FormAnswers a = lines.answers();
        Map<String, String> unreadable = new LinkedHashMap<>(lines.unreadable());
        // labelled lines written under the sign-off ("Behövs senast: ingen brådska", "Vad stödet gäller: …" after the
        // name) count as well; what else the signature says is no description
        WrittenForm.Reading signed = form.read(signature, today);
        for (String field : form.fields()) {
            if (a.answered(field) || unreadable.containsKey(field)) {
                continue;
            }
            if (signed.answers().answered(field)) {
                a = a.orElse(field, signed.answers().value(field)); // null: answered with nothing ("ingen brådska")
            } else if (signed.labelledText().containsKey(field)) {
                // "Vad stödet gäller: …" under the name: after what the text says, nothing of either left out
                String written = lines.rest().isEmpty() ? signed.labelledText().get(field)
                        : lines.rest() + "\n\n" + signed.labelledText().get(field);
                String described = described(field, subject, written, today);
                if (described != null) {
                    a = a.orElse(field, described);
                } else {
                    unreadable.put(field, written);
                }
            } else if (signed.unreadable().containsKey(field)) {
                unreadable.put(field, signed.unreadable().get(field));
            }
        }
        for (String field : form.fields()) {
            if (a.answered(field) || unreadable.containsKey(field)) {
                // a line that answered it the chat would refuse is asked again, not guessed around
                continue;
            }
            AnswerType type = form.step(field).type();
            if (type == AnswerType.TEXT && !lines.rest().isEmpty()) {
                String described = described(field, subject, lines.rest(), today);
                if (described != null) {
                    a = a.orElse(field, described);
                } else {
                    unreadable.put(field, lines.rest()); // asked for more, with the chat's reason
                }
            } else if (type == AnswerType.DATE) {
                // the same reading of dates as the chat's date step: "inom två veckor", "senast 12 mars", "före midsommar";
                // where the mail says there is no hurry, only a deadline named as one ("men helst före 15 mars")
                boolean none = form.step(field).optional() && form.saysNone(field, all);
                LocalDate date = (none ? DateAnswerParser.findCued(all, today) : DateAnswerParser.find(all, today)).orElse(null);
                if (date != null) {
                    a = a.orElse(field, date.toString());
                } else if (none && DateAnswerParser.findRefused(all, today).isEmpty()) {
                    a = a.orElse(field, null); // a deadline that has passed or does not exist is asked again below, with the reason
                }
            }
        }
        if (!a.answered(DISTRICT) && !unreadable.containsKey(DISTRICT)) {
            String district = bySender(sender);
            if (district == null) {
                district = mentioned(signature);
            }
            if (district == null) {
                district = mentioned(all);
            }
            a = district == null ? a : a.orElse(DISTRICT, district);
        }
        if (!a.answered(CATEGORY) && !unreadable.containsKey(CATEGORY)) {
            String sorted = categoryOf.apply(all);
            a = sorted == null ? a : a.orElse(CATEGORY, sorted);
        }
        for (String field : form.fields()) {
            if (form.step(field).type() == AnswerType.DATE && !a.answered(field) && !unreadable.containsKey(field)) {
                // "Senast igår egentligen!": asked again with the chat's reason (it has passed), not just asked again
                DateAnswerParser.findRefused(all, today).ifPresent(refused -> unreadable.put(field, refused));
            }
        }
        FormAnswers answered = a;
        unreadable.keySet().removeIf(answered::answered);
        return new Read(a, unreadable);
    }

    /**
     * What a mail's text says for a text step: the text, or, when it is shorter than the chat would take ("Se ämnet",
     * "Hjälp!"), the subject and the text together, which often say it; null when even they are too short, so that the
     * person is asked for more as in the chat. A mail may be longer than a chat answer: only the shortest length applies.
     */
    private String described(String field, String subject, String text, LocalDate today) {
        Integer least = form.step(field).minLength();
        if (least == null || text.strip().length() >= least) {
            return text;
        }
        // without "SV:" or "Fwd:", and never the words shown for a subject that could not be read
        String said = MailParser.UNREADABLE_SUBJECT.equals(subject) ? "" : MailReplies.bare(subject);
        String withSubject = said.isEmpty() ? text : said + "\n\n" + text;
        return withSubject.strip().length() >= least && form.whyNot(field, withSubject, today, se.foubot.conversation.Language.SV).isEmpty()
                ? withSubject : null;
    }

    /** The one district the text names (as a word or the start of one: "Skarpnäcks"); null for none or several. */
    private String mentioned(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String folded = " " + TextNormalizer.normalize(text) + " ";
        Set<String> found = new LinkedHashSet<>();
        List<ChoiceOption> districts = form.step(DISTRICT).options();
        for (ChoiceOption d : districts) {
            for (String name : d.matchNames()) {
                if (name.length() >= 4 && (folded.contains(" " + name + " ") || folded.contains(" " + name + "s "))) {
                    found.add(d.id());
                }
            }
        }
        return found.size() == 1 ? found.iterator().next() : null;
    }
}
