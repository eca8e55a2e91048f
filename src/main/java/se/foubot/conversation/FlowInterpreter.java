package se.foubot.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;


/**
 * Computes one turn of a conversation: from where the person stands and what they wrote, to where they
 * stand next and what the bot answers. Pure (no I/O), so a turn that lost a race can simply be computed
 * again on the newer state.
 */
final class FlowInterpreter {

    static final Set<String> CANCEL = Set.of("avbryt", "cancel");
    static final Set<String> BACK = Set.of("tillbaka", "back", "bakat", "ga tillbaka", "go back");
    static final Set<String> HELP = Set.of("hjalp", "help", "?");
    static final Set<String> RESTART = Set.of("borja om", "restart", "starta om", "start over");
    static final Set<String> ENGLISH = Set.of("english", "engelska", "in english", "pa engelska");
    static final Set<String> SWEDISH = Set.of("svenska", "swedish", "pa svenska", "in swedish");
    static final Set<String> SKIP = Set.of("hoppa over", "skip", "-", "inget", "ingen", "none");
    static final Set<String> SEND = Set.of("skicka", "send", "bekrafta", "confirm", "ja skicka", "yes send");
    static final Set<String> CHANGE = Set.of("andra", "change");

    /** One computed turn. {@code next} null: nothing to write. {@code outcome} non-null: the flow was confirmed. */
    record Turn(ConversationState next, List<String> lines, List<ReplyChoice> choices, PendingOutcome outcome) {
    }

    record PendingOutcome(Flow flow, OutcomeRequest request) {
    }

    private final FlowCatalog catalog;
    private final Duration idleTimeout;
    private final ZoneId zone;
    private final List<QuestionAnswerer> answerers;

    FlowInterpreter(FlowCatalog catalog, Duration idleTimeout, ZoneId zone) {
        this(catalog, idleTimeout, zone, List.of());
    }

    FlowInterpreter(FlowCatalog catalog, Duration idleTimeout, ZoneId zone, List<QuestionAnswerer> answerers) {
        this.answerers = List.copyOf(answerers);
        this.catalog = catalog;
        this.idleTimeout = idleTimeout;
        this.zone = zone;
    }

    /** Collects one reply. */
    private static final class Reply {
        final List<String> lines = new ArrayList<>();
        final List<ReplyChoice> choices = new ArrayList<>();
        final Language language;

        Reply(Language language) {
            this.language = language;
        }

        void say(LocalizedText text) {
            lines.add(text.in(language));
        }

        void say(LocalizedText text, Map<String, String> values) {
            lines.add(text.in(language, values));
        }
    }

    /**
     * @param text                  what the person wrote, as the privacy guard left it
     * @param identityNumberRemoved the guard found a personal identity number: the message is refused, nothing kept
     */
    Turn take(ConversationState current, ConversationKey key, String text, boolean identityNumberRemoved, Instant now) {
        ConversationState s = current != null ? current : ConversationState.fresh(key, now);
        List<String> notices = new ArrayList<>();
        ConversationState expired = expireIfIdle(s, now, notices);
        boolean dirty = expired != s;
        s = expired;
        // normalizing drops punctuation, so a lone "?" (asking for help) is kept as it is
        String cmd = text.strip().equals("?") ? "?" : TextNormalizer.normalize(text);

        if (identityNumberRemoved) {
            Reply r = reply(s, notices);
            r.say(EngineTexts.IDENTITY_NUMBER);
            if (s.inFlow()) {
                return repeatWhereWeAre(s, r);
            }
            return done(dirty ? s : null, r);
        }
        Language switchTo = ENGLISH.contains(cmd) ? Language.EN : SWEDISH.contains(cmd) ? Language.SV : null;
        if (switchTo != null) {
            s = s.withLanguage(switchTo);
            Reply r = reply(s, notices);
            r.say(EngineTexts.LANGUAGE_SET);
            return s.inFlow() ? repeatWhereWeAre(s, r) : menu(s, r, true);
        }
        if (CANCEL.contains(cmd)) {
            Reply r = reply(s, notices);
            if (!s.inFlow()) {
                r.say(EngineTexts.NOTHING_TO_CANCEL);
                return menu(s, r, dirty);
            }
            r.say(EngineTexts.CANCELLED);
            return done(s.idle(), r);
        }
        if (!s.inFlow()) {
            return startOrGreet(s, text, cmd, notices, now, dirty);
        }
        return takeInFlow(s, key, text, cmd, notices, now);
    }

    private Turn takeInFlow(ConversationState s, ConversationKey key, String text, String cmd, List<String> notices,
            Instant now) {
        Optional<Flow> flow = catalog.flow(s.flowId());
        Optional<Step> step = flow.flatMap(f -> s.stepId() == null ? Optional.empty() : f.step(s.stepId()));
        if (flow.isEmpty() || (!s.summary() && step.isEmpty())) {
            // the flow files changed under a running conversation: start that flow afresh if it still exists
            return changedUnderfoot(s, flow, notices, now);
        }
        Flow f = flow.get();
        if (HELP.contains(cmd)) {
            Reply r = reply(s, notices);
            step.filter(st -> !s.summary() && st.help() != null).ifPresent(st -> r.say(st.help()));
            r.say(EngineTexts.COMMANDS);
            return repeatWhereWeAre(s, r);
        }
        if (RESTART.contains(cmd)) {
            ConversationState restarted = s.start(f, UUID.randomUUID().toString(), now);
            Reply r = reply(restarted, notices);
            r.say(EngineTexts.RESTARTED);
            return ask(restarted, f, f.firstStep(), r);
        }
        if (BACK.contains(cmd)) {
            return back(s, f, reply(s, notices));
        }
        if (s.summary()) {
            return atSummary(s, f, key, cmd, reply(s, notices), now);
        }
        return answer(s, f, step.get(), text, cmd, reply(s, notices), now);
    }

    /** The first words when a person comes back (e.g. a terminal chat starts): where they stand. */
    Turn resume(ConversationState current, ConversationKey key, Instant now) {
        ConversationState s = current != null ? current : ConversationState.fresh(key, now);
        List<String> notices = new ArrayList<>();
        ConversationState expired = expireIfIdle(s, now, notices);
        Reply r = reply(expired, notices);
        if (expired.inFlow() && catalog.flow(expired.flowId()).isPresent()) {
            r.say(EngineTexts.WELCOME_BACK);
            return repeatWhereWeAre(expired, r);
        }
        return menu(expired, r, expired != s);
    }

    private Reply reply(ConversationState s, List<String> notices) {
        Reply r = new Reply(s.language());
        r.lines.addAll(notices);
        return r;
    }

    /** In a flow that has not run out of time (an idle one ends at the person's next message). */
    boolean inLiveFlow(ConversationState s, Instant now) {
        return s != null && s.inFlow() && (s.updatedAt() == null || !s.updatedAt().plus(idleTimeout).isBefore(now));
    }

    private ConversationState expireIfIdle(ConversationState s, Instant now, List<String> notices) {
        if (!s.inFlow() || s.updatedAt() == null || !s.updatedAt().plus(idleTimeout).isBefore(now)) {
            return s;
        }
        String title = catalog.flow(s.flowId()).map(f -> f.title().in(s.language())).orElse(s.flowId());
        notices.add(EngineTexts.EXPIRED.in(s.language(),
                Map.of("title", title, "days", Long.toString(idleTimeout.toDays()))));
        return s.idle();
    }

    private Turn startOrGreet(ConversationState s, String text, String cmd, List<String> notices, Instant now,
            boolean dirty) {
        Language asked = Language.EN == guessLanguage(text) ? Language.EN : s.language();
        for (QuestionAnswerer answerer : answerers) {
            Optional<String> answer = answerer.answer(text, asked);
            if (answer.isPresent()) {
                Reply r = reply(s, notices);
                r.lines.add(answer.get());
                return done(dirty ? s : null, r);
            }
        }
        Optional<FlowCatalog.TriggerMatch> match = catalog.match(text);
        if (match.isEmpty()) {
            Reply r = reply(s, notices);
            if (HELP.contains(cmd)) {
                r.say(EngineTexts.COMMANDS);
            }
            return menu(s, r, dirty);
        }
        Flow flow = match.get().flow();
        Language language = match.get().language() == Language.EN ? Language.EN : s.language();
        ConversationState started = s.withLanguage(language).start(flow, UUID.randomUUID().toString(), now);
        Reply r = reply(started, notices);
        if (flow.intro() != null) {
            r.say(flow.intro(), started.context());
        }
        return ask(started, flow, flow.firstStep(), r);
    }

    /** English when the question reads as English; the conversation's language otherwise. */
    private static Language guessLanguage(String text) {
        String t = " " + TextNormalizer.normalize(text) + " ";
        for (String w : List.of(" how ", " when ", " what ", " can we ", " does ", " is there ", " much ")) {
            if (t.contains(w)) {
                return Language.EN;
            }
        }
        return Language.SV;
    }

    private Turn changedUnderfoot(ConversationState s, Optional<Flow> flow, List<String> notices, Instant now) {
        if (flow.isEmpty()) {
            Reply r = reply(s, notices);
            r.say(EngineTexts.CANCELLED);
            return menu(s.idle(), r, true);
        }
        ConversationState restarted = s.start(flow.get(), UUID.randomUUID().toString(), now);
        Reply r = reply(restarted, notices);
        r.say(EngineTexts.RESTARTED);
        return ask(restarted, flow.get(), flow.get().firstStep(), r);
    }

    private Turn back(ConversationState s, Flow f, Reply r) {
        if (s.changing()) {
            return summary(s.showingSummary(), f, r);
        }
        if (s.history().isEmpty()) {
            r.say(EngineTexts.NOTHING_TO_GO_BACK_TO);
            return repeatWhereWeAre(s, r);
        }
        ConversationState previous = s.back();
        return ask(previous, f, f.step(previous.stepId()).orElseThrow(), r);
    }

    private Turn atSummary(ConversationState s, Flow f, ConversationKey key, String cmd, Reply r, Instant now) {
        if (AnswerReader.YES.contains(cmd) || SEND.contains(cmd)) {
            return complete(s, f, key, r, now);
        }
        if (cmd.matches("\\d{1,2}")) {
            int n = Integer.parseInt(cmd);
            if (n >= 1 && n <= s.history().size()) {
                String stepId = s.history().get(n - 1);
                return ask(s.asking(stepId, true), f, f.step(stepId).orElseThrow(), r);
            }
        }
        r.say(EngineTexts.SUMMARY_WHICH, Map.of("count", Integer.toString(s.history().size())));
        summaryChoices(r);
        return done(s, r);
    }

    private Turn complete(ConversationState s, Flow f, ConversationKey key, Reply r, Instant now) {
        OutcomeRequest request = new OutcomeRequest(key, f.id(), s.runId(), s.answers(), s.language(), now, Map.of(),
                s.context());
        return new Turn(s.idle(), r.lines, List.of(), new PendingOutcome(f, request));
    }

    /** The bot starts {@code flow} for a person, with values for its texts; a running flow is set aside. */
    Turn startFlow(ConversationState current, ConversationKey key, Flow flow, Map<String, String> values, Instant now) {
        List<String> notices = new ArrayList<>();
        ConversationState s = expireIfIdle(current != null ? current : ConversationState.fresh(key, now), now, notices);
        if (s.inFlow()) {
            String title = catalog.flow(s.flowId()).map(f -> f.title().in(s.language())).orElse(s.flowId());
            notices.add(EngineTexts.INTERRUPTED.in(s.language(), Map.of("title", title)));
        }
        ConversationState started = s.start(flow, UUID.randomUUID().toString(), values, now);
        Reply r = reply(started, notices);
        if (flow.intro() != null) {
            r.say(flow.intro(), values);
        }
        return ask(started, flow, flow.firstStep(), r);
    }

    private Turn answer(ConversationState s, Flow f, Step step, String text, String cmd, Reply r, Instant now) {
        String value;
        if (SKIP.contains(cmd) && step.optional()) {
            value = null;
        } else if (SKIP.contains(cmd) && step.type() == AnswerType.TEXT) {
            r.say(EngineTexts.SKIPPED_REQUIRED);
            return ask(s, f, step, r);
        } else {
            AnswerReader.Reading reading = AnswerReader.read(step, text, LocalDate.ofInstant(now, zone));
            if (reading instanceof AnswerReader.Refused refused) {
                r.lines.add(errorText(step, refused, r.language));
                return ask(s, f, step, r);
            }
            value = ((AnswerReader.Accepted) reading).value();
        }
        ConversationState answered = s.answered(step.id(), value);
        if (answered.changing()) {
            int at = answered.history().indexOf(step.id());
            Optional<String> wasNext = at + 1 < answered.history().size()
                    ? Optional.of(answered.history().get(at + 1)) : Optional.empty();
            Optional<String> isNext = f.after(step, value).map(Step::id);
            if (step.branches().isEmpty() || wasNext.equals(isNext)) {
                return summary(answered.showingSummary(), f, r);
            }
            answered = answered.truncatedAfter(step.id());
        }
        Optional<Step> next = f.after(step, value);
        if (next.isPresent()) {
            return ask(answered.asking(next.get().id(), false), f, next.get(), r);
        }
        return f.confirm() ? summary(answered.showingSummary(), f, r) : complete(answered, f, s.key(), r, now);
    }

    private String errorText(Step step, AnswerReader.Refused refused, Language language) {
        Map<String, String> args = new LinkedHashMap<>(refused.args());
        args.computeIfPresent("date", (k, iso) -> DateAnswerParser.stored(iso)
                .map(d -> DateAnswerParser.display(d, language)).orElse(iso));
        LocalizedText text = step.errors().getOrDefault(refused.error().key(), refused.error().defaultText());
        return text.in(language, args);
    }

    private Turn repeatWhereWeAre(ConversationState s, Reply r) {
        Flow f = catalog.flow(s.flowId()).orElseThrow();
        if (s.summary()) {
            return summary(s, f, r);
        }
        return ask(s, f, f.step(s.stepId()).orElseThrow(), r);
    }

    private Turn ask(ConversationState s, Flow f, Step step, Reply r) {
        StringBuilder prompt = new StringBuilder(step.text().in(r.language, s.context()));
        if (step.type() == AnswerType.CHOICE) {
            for (int i = 0; i < step.options().size(); i++) {
                ChoiceOption o = step.options().get(i);
                prompt.append('\n').append(i + 1).append(". ").append(o.label().in(r.language));
                r.choices.add(new ReplyChoice(o.id(), o.label().in(r.language)));
            }
            prompt.append('\n').append(EngineTexts.CHOICE_HINT.in(r.language));
        } else if (step.type() == AnswerType.YES_NO) {
            r.choices.add(new ReplyChoice("ja", r.language == Language.EN ? "Yes" : "Ja"));
            r.choices.add(new ReplyChoice("nej", r.language == Language.EN ? "No" : "Nej"));
            prompt.append('\n').append(EngineTexts.YES_NO_HINT.in(r.language));
        }
        if (s.changing() && s.answers().containsKey(step.id())) {
            prompt.append('\n').append(r.language == Language.EN ? "(Now: " : "(Nu: ")
                    .append(AnswerReader.display(step, s.answers().get(step.id()), r.language)).append(')');
        }
        if (step.optional()) {
            prompt.append('\n').append(EngineTexts.OPTIONAL_HINT.in(r.language));
        }
        r.lines.add(prompt.toString());
        return done(s, r);
    }

    private Turn summary(ConversationState s, Flow f, Reply r) {
        StringBuilder text = new StringBuilder(EngineTexts.SUMMARY_HEADER.in(r.language));
        int n = 1;
        for (String stepId : s.history()) {
            Step step = f.step(stepId).orElse(null);
            if (step == null) {
                continue;
            }
            text.append('\n').append(n++).append(". ").append(step.labelOrText().in(r.language)).append(": ")
                    .append(AnswerReader.display(step, s.answers().get(stepId), r.language));
        }
        r.lines.add(text.toString());
        r.say(EngineTexts.SUMMARY_FOOTER);
        summaryChoices(r);
        return done(s, r);
    }

    private static void summaryChoices(Reply r) {
        r.choices.add(new ReplyChoice("ja", EngineTexts.CONFIRM_CHOICE.in(r.language)));
        r.choices.add(new ReplyChoice("avbryt", EngineTexts.CANCEL_CHOICE.in(r.language)));
    }

    private Turn menu(ConversationState s, Reply r, boolean write) {
        r.say(EngineTexts.GREETING);
        for (Flow flow : catalog.flows()) {
            if (flow.startedByBotOnly()) {
                continue;
            }
            List<String> english = flow.triggerWords().getOrDefault(Language.EN, List.of());
            String command = r.language == Language.EN && !english.isEmpty() ? english.get(0)
                    : !flow.commands().isEmpty() ? flow.commands().get(0)
                    : flow.triggerWords().values().stream().flatMap(List::stream).findFirst().orElse(flow.id());
            r.say(EngineTexts.FLOW_ENTRY, Map.of("title", flow.title().in(r.language), "command", command));
        }
        r.say(EngineTexts.MENU_FOOTER);
        return done(write ? s : null, r);
    }

    private static Turn done(ConversationState next, Reply r) {
        return new Turn(next, r.lines, r.choices, null);
    }
}
