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
    static final Set<String> THANKS = Set.of("tack", "tack sa mycket", "tack tack", "tusen tack", "stort tack", "tackar",
            "tack for hjalpen", "tack sa mycket for hjalpen", "tack ska du ha", "thanks", "thank you", "thanks a lot",
            "thank you very much", "many thanks", "cheers");
    /** Words that tell a first message is Swedish (besides å, ä and ö): no need to offer English then. */
    private static final Set<String> SWEDISH_WORDS = Set.of("hej", "hejsan", "tjena", "tjenare", "halla", "god", "morgon",
            "tack", "jag", "vi", "och", "att", "det", "inte", "vad", "nar", "hur", "mina", "mitt", "har", "kan", "vill");
    static final Set<String> SKIP = Set.of("hoppa over", "skip", "-", "inget", "ingen", "none");
    static final Set<String> SEND = Set.of("skicka", "send", "bekrafta", "confirm", "ja skicka", "yes send");
    /** Words before an answer's number or name at the summary that ask to change it ("ändra 3", "fel mejl"). */
    static final Set<String> CHANGE = Set.of("andra", "change", "fel", "wrong", "ratta", "korrigera", "fix");
    /** Words a change at the summary may come after ("Ja tack. Ändra 3.", "Nej, fel mejl", "oj, ändra datum"). */
    private static final Set<String> LEAD_IN = Set.of("ja", "jo", "ok", "okej", "nej", "na", "nja", "tack", "men", "fast", "oj",
            "oops", "hoppsan", "vanta", "forresten", "yes", "no", "thanks", "but", "wait", "sorry", "forlat", "oh", "sa", "mycket",
            "tusen", "absolut", "det", "stammer", "precis", "korrekt", "bra", "thank", "you", "yeah", "okay", "please", "yep",
            "sure", "great", "och", "and", "also", "dessutom");
    /** Words before an ordinal at the summary ("den andra", "det sista", "the last"). */
    private static final Set<String> ARTICLES = Set.of("den", "det", "the");
    /** The last of a list, as said after the words {@link #BEFORE_NAMED} takes off ("den sista", "the last one"). */
    private static final Set<String> LAST = Set.of("sista", "last", "last one");
    /** Thanks after a change ("ändra 3 tack", "change 7 please"). */
    private static final Set<String> TRAILING_THANKS = Set.of("tack", "sa", "mycket", "thanks", "thank", "you", "please");
    /** Words between "ändra" and an answer's number or name ("ändra nr 3", "change the date", "ändra min mejl"). */
    private static final Set<String> BEFORE_NAMED = Set.of("nr", "nummer", "punkt", "svar", "svaret", "fraga", "fragan", "the",
            "my", "min", "mitt", "number", "item", "answer", "question", "no", "den", "det");
    /** One computed turn. {@code next} null: nothing to write. {@code outcome} non-null: the flow was confirmed. */
    record Turn(ConversationState next, List<String> lines, List<ReplyChoice> choices, PendingOutcome outcome) {
    }

    record PendingOutcome(Flow flow, OutcomeRequest request) {
    }

    private final FlowCatalog catalog;
    private final Duration idleTimeout;
    private final ZoneId zone;
    /** Words that name a date or an address answer at the summary ("ändra datum"), whatever the step's label. */
    private static final Map<AnswerType, List<String>> TYPE_WORDS = Map.of(
            AnswerType.DATE, List.of("datum", "datumet", "dag", "dagen", "date", "deadline"),
            AnswerType.EMAIL, List.of("e post", "e posten", "e postadress", "e postadressen", "epost", "eposten", "mejl", "mejlen",
                    "mejladress", "mejladressen", "mail", "mailen", "mailadress", "mailadressen", "adress", "adressen", "email",
                    "e mail", "email address", "e mail address"));
    /** The context key of an answer the engine read from free text and waits for the person to confirm. */
    static final String PROPOSED = "proposed:";
    /**
     * The context key of the choices a name fitted several of ("Vilket menar du?"), their ids in the order shown: a
     * number answers from that short list, not from the step's whole list.
     */
    static final String NARROWED = "narrowed:";
    /** The answers still to be asked again after the one asked now, when the person asked to change several. */
    static final String CHANGE_NEXT = "change_next";
    /** An answer set aside when a changed answer changed the way on; the question, asked on the new way, takes it back. */
    static final String SET_ASIDE = "set_aside:";
    /** What {@link #SET_ASIDE} keeps for an optional question left without an answer. */
    private static final String LEFT_OUT = "";

    private final List<ChoiceGuesser> guessers;
    /** Null: a flow's opening words are never kept as an answer. */
    private final OwnWords ownWords;
    /** Words of their own an opening message needs before it is kept as an answer ({@link Flow#openingWords}). */
    static final int OPENING_OWN_WORDS = 3;

    FlowInterpreter(FlowCatalog catalog, Duration idleTimeout, ZoneId zone) {
        this(catalog, idleTimeout, zone, List.of(), null);
    }

    FlowInterpreter(FlowCatalog catalog, Duration idleTimeout, ZoneId zone, List<ChoiceGuesser> guessers, OwnWords ownWords) {
        this.ownWords = ownWords;
        this.guessers = List.copyOf(guessers);
        this.catalog = catalog;
        this.idleTimeout = idleTimeout;
        this.zone = zone;
    }

    /**
     * Whether {@code text} is one of the words that steer a conversation ("avbryt", "börja om"): the conversation
     * answers them also when none runs, so they never reach the knowledge base as a question.
     */
    static boolean steersTheConversation(String text) {
        String cmd = TextNormalizer.normalize(text);
        return CANCEL.contains(cmd) || RESTART.contains(cmd);
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
        return take(current, key, text, identityNumberRemoved, now, null);
    }

    /**
     * As {@link #take(ConversationState, ConversationKey, String, boolean, Instant)}, for a button's answer:
     * {@code answering} is the question the button was offered for ({@link ReplyChoice#question()}; null: a typed
     * answer). A button of a question the conversation has left (an earlier step, the summary of a run that ended) is
     * not an answer to the question asked now: the person hears so, and the question again.
     */
    Turn take(ConversationState current, ConversationKey key, String text, boolean identityNumberRemoved, Instant now,
            String answering) {
        ConversationState s = current != null ? current : ConversationState.fresh(key, now);
        List<String> notices = new ArrayList<>();
        // a flow that is gone (its file removed, or the name changed by hand) is ended first: the message is no answer
        // to questions that are gone, so it is taken as a new one — a request, a command — after the notice
        // normalizing drops punctuation, so a lone "?" (asking for help) is kept as it is
        // "förstå" folds to "forsta" but is no "första": such a word is kept out of the numbers here, once for every use
        String cmd = text.strip().equals("?") ? "?" : NumberWords.withoutMisspeltNumbers(text, TextNormalizer.normalize(text));
        Language switchTo = ENGLISH.contains(cmd) ? Language.EN : SWEDISH.contains(cmd) ? Language.SV : null;
        // the notices of a turn that switches language are said in the language asked for, as the rest of its answer
        ConversationState ended = endGone(switchTo != null ? s.withLanguage(switchTo) : s, notices);
        if (!ended.inFlow() && ended.paused() != null && !identityNumberRemoved) {
            if (!CANCEL.contains(cmd) && !RESTART.contains(cmd) && !ENGLISH.contains(cmd) && !SWEDISH.contains(cmd)) {
                // a flow set aside with nothing running above it any more (its question gone, or its name removed by
                // hand) goes on where it stood, its question asked again: the message was written for what was above
                // it, and left set aside it would come back only after some later request (helpers 112, 113)
                return resumePaused(ended, notices, now).orElseThrow();
            }
            // "avbryt", "börja om", "english" are no answer to the question that is gone but words to the conversation:
            // they act on the errand that goes on, instead of being taken as what lets it go on (helper 114)
            ended = ended.resumingPaused();
        }
        ConversationState expired = expireIfIdle(ended, now, notices);
        if (expired.inFlow() && !fitsItsFlow(expired)) {
            if (!answeredAnything(expired)) {
                // nothing answered yet, so the question asked was the first, whatever its name was: the message answers
                // it (an analyst's question of one step would otherwise be asked again and its answer lost: helper 111)
                expired = expired.asking(catalog.flow(expired.flowId()).orElseThrow().firstStep().id(), false);
            } else {
                // the flow file changed under a running conversation (or its steps by hand): which question the message
                // answers is not known, so the flow begins afresh
                if (identityNumberRemoved) {
                    notices.add(EngineTexts.IDENTITY_NUMBER.in(expired.language()));
                }
                return changedUnderfoot(expired, catalog.flow(expired.flowId()).orElseThrow(), notices, now);
            }
        }
        boolean dirty = expired != s;
        s = expired;

        if (identityNumberRemoved) {
            Reply r = reply(s, notices);
            r.say(EngineTexts.IDENTITY_NUMBER);
            if (s.inFlow()) {
                return repeatWhereWeAre(s, r);
            }
            return done(dirty ? s : null, r);
        }
        if (answering != null && notices.isEmpty() && ConversationState.click(answering, cmd).equals(s.lastClick())) {
            // the button that made the last turn, again (a double click, a click that seemed not to take): its reply —
            // the next question, the reference — is on the screen, and a second click says nothing
            return done(null, reply(s, notices));
        }
        // (a flow whose file changed under the conversation is begun afresh below, whatever the click)
        if (answering != null && !asks(s, answering) && (!s.inFlow() || canRepeat(s))) {
            Reply r = reply(s, notices);
            if (s.inFlow()) {
                r.say(EngineTexts.EARLIER_BUTTON);
                return repeatWhereWeAre(s, r);
            }
            r.say(EngineTexts.ENDED_BUTTON);
            return done(dirty ? s : null, r);
        }
        if (switchTo != null) {
            s = s.withLanguage(switchTo);
            Reply r = reply(s, notices);
            r.say(EngineTexts.LANGUAGE_SET);
            return s.inFlow() ? repeatWhereWeAre(s, r) : menu(s, r, true, false);
        }
        if (CANCEL.contains(cmd)) {
            Reply r = reply(s, notices);
            if (!s.inFlow()) {
                r.say(EngineTexts.NOTHING_TO_CANCEL);
                return menu(s, r, dirty, false);
            }
            boolean theBots = catalog.flow(s.flowId()).map(Flow::startedByBotOnly).orElse(false);
            r.say(theBots ? EngineTexts.QUESTION_CANCELLED : EngineTexts.CANCELLED);
            return done(s.idle(), r);
        }
        if (RESTART.contains(cmd) && !s.inFlow()) {
            Reply r = reply(s, notices);
            r.say(EngineTexts.NOTHING_TO_RESTART);
            return menu(s, r, dirty, false);
        }
        if (!s.inFlow()) {
            return startOrGreet(s, text, cmd, notices, now, dirty, current == null);
        }
        return takeInFlow(s, key, text, cmd, notices, now);
    }

    private Turn takeInFlow(ConversationState s, ConversationKey key, String text, String cmd, List<String> notices,
            Instant now) {
        // a flow that is gone was ended in take(), and one whose steps do not fit it begun again there
        Flow f = catalog.flow(s.flowId()).orElseThrow();
        Optional<Step> step = s.stepId() == null ? Optional.empty() : f.step(s.stepId());
        if (HELP.contains(cmd)) {
            Reply r = reply(s, notices);
            step.filter(st -> !s.summary() && st.help() != null).ifPresent(st -> r.say(st.help()));
            r.say(EngineTexts.COMMANDS);
            return repeatWhereWeAre(s, r);
        }
        if (RESTART.contains(cmd)) {
            // the flow's values stay (an analyst's question); answers still to be changed went with the answers
            ConversationState restarted = withoutChanges(s).start(f, UUID.randomUUID().toString(), now);
            Reply r = reply(restarted, notices);
            if (f.startedByBotOnly()) {
                // only the bot's question begins again: "vi börjar om från början" would say the person's own did too
                r.say(EngineTexts.QUESTION_AGAIN);
                if (s.paused() != null) {
                    r.say(EngineTexts.STILL_SET_ASIDE, Map.of("title", titleOf(s.paused().flowId(), r.language)));
                }
            } else {
                r.say(EngineTexts.RESTARTED);
            }
            sayWhatTheBotAsked(restarted, f, r);
            return ask(restarted, f, f.firstStep(), r);
        }
        if (BACK.contains(cmd)) {
            if (step.isPresent() && !s.summary() && s.context().containsKey(NARROWED + step.get().id())) {
                // back from "Vilken menar du?" is back to the whole list
                return ask(s, f, step.get(), reply(s, notices));
            }
            return back(s, f, reply(s, notices));
        }
        if (s.summary()) {
            return atSummary(s, f, key, text, cmd, reply(s, notices), now);
        }
        String narrowed = s.context().get(NARROWED + step.get().id());
        if (narrowed != null) {
            ConversationState without = s.withContext(NARROWED + step.get().id(), null);
            List<ChoiceOption> candidates = AnswerReader.candidates(step.get(), narrowed);
            // a minus is gone from the folded words ("-1" is "1"): no number of the list
            String number = ChoiceMatcher.negative(text) ? "0" : numberSaid(cmd, candidates.size());
            if (!number.matches("\\d{1,3}")) {
                number = numberMeant(cmd, candidates.size());
            }
            if (number.matches("\\d{1,3}")) {
                int n = Integer.parseInt(number);
                if (n >= 1 && n <= candidates.size()) {
                    return proceed(without, f, step.get(), candidates.get(n - 1).id(), reply(s, notices), now);
                }
                Reply r = reply(s, notices);
                r.say(candidates.size() == 2 ? EngineTexts.NARROWED_ONE_OR_TWO : EngineTexts.NARROWED_NUMBER,
                        Map.of("count", Integer.toString(candidates.size())));
                return narrow(s, step.get(), candidates, r, false);
            }
            // a name, or anything else: an answer to the step as a whole
            return answer(without, f, step.get(), text, cmd, reply(s, notices), now);
        }
        String proposed = s.context().get(PROPOSED + step.get().id());
        if (proposed != null) {
            ConversationState without = s.withContext(PROPOSED + step.get().id(), null);
            if (AnswerReader.YES.contains(cmd)) {
                return proceed(without, f, step.get(), proposed, reply(s, notices), now);
            }
            if (AnswerReader.NO.contains(cmd)) {
                Reply r = reply(s, notices);
                r.say(EngineTexts.GUESS_REFUSED);
                return ask(without, f, step.get(), r);
            }
            // anything else is a new answer to the step
            return answer(without, f, step.get(), text, cmd, reply(s, notices), now);
        }
        return answer(s, f, step.get(), text, cmd, reply(s, notices), now);
    }

    /** The first words when a person comes back (e.g. a terminal chat starts): where they stand. */
    Turn resume(ConversationState current, ConversationKey key, Instant now) {
        ConversationState s = current != null ? current : ConversationState.fresh(key, now);
        List<String> notices = new ArrayList<>();
        ConversationState expired = expireIfIdle(endGone(s, notices), now, notices);
        if (expired.inFlow() && !fitsItsFlow(expired)) {
            return changedUnderfoot(expired, catalog.flow(expired.flowId()).orElseThrow(), notices, now);
        }
        Reply r = reply(expired, notices);
        if (expired.inFlow()) {
            r.say(EngineTexts.WELCOME_BACK);
            return repeatWhereWeAre(expired, r);
        }
        return menu(expired, r, expired != s, current == null);
    }

    private Reply reply(ConversationState s, List<String> notices) {
        Reply r = new Reply(s.language());
        r.lines.addAll(notices);
        return r;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * In a flow that has not run out of time (an idle one ends at the person's next message) and that still exists
     * (one that is gone ends there too): what they write answers it.
     */
    boolean inLiveFlow(ConversationState s, Instant now) {
        return s != null && s.inFlow() && (s.updatedAt() == null || !s.updatedAt().plus(idleTimeout).isBefore(now))
                && !flowGone(s);
    }

    /**
     * The conversation ended, as {@link #take} would end it, when it has lain idle past the timeout or its flow is
     * gone; the turn's lines are the notices that say so. Empty when it has not. A flow set aside under a flow that is
     * gone goes on, its question among the lines.
     */
    Optional<Turn> expire(ConversationState current, Instant now) {
        if (current == null) {
            return Optional.empty();
        }
        List<String> notices = new ArrayList<>();
        ConversationState ended = endGone(current, notices);
        if (!ended.inFlow() && ended.paused() != null) {
            // as take() does: what the person had set aside goes on now, its question said with the notice, instead of
            // waiting, set aside under nothing, for a later flow to end (helper 112)
            return resumePaused(ended, notices, now);
        }
        ConversationState expired = expireIfIdle(ended, now, notices);
        return expired == current ? Optional.empty() : Optional.of(new Turn(expired, notices, List.of(), null));
    }

    /**
     * Ends, with a word each, the flow running and the flow set aside when their definitions are gone (a file
     * removed, a name changed by hand): their questions cannot be asked and their outcome cannot run, and the person
     * would otherwise answer into nothing or lose what they had set aside without a word.
     */
    private ConversationState endGone(ConversationState s, List<String> notices) {
        ConversationState ended = s;
        if (flowGone(ended)) {
            notices.add(EngineTexts.FLOW_GONE.in(ended.language()));
            ended = ended.idle();
        }
        if (ended.paused() != null && pausedGone(ended.paused())) {
            notices.add(EngineTexts.PAUSED_GONE.in(ended.language()));
            ended = ended.withoutPaused();
        }
        return ended;
    }

    /**
     * Whether the run {@code s} holds has lost its flow: its flow no longer exists, its flow's name was removed by hand
     * (its step and answers left), or the name now names another flow than the run's — one whose outcome is not the
     * one the run was started for (a question's name changed by hand to "intake": helper 114).
     */
    boolean flowGone(ConversationState s) {
        if (!s.inFlow()) {
            return s.stepId() != null || s.runId() != null || s.summary();
        }
        String ranFor = s.context().get(OUTCOME);
        return catalog.flow(s.flowId()).map(f -> ranFor != null && !ranFor.equals(f.outcome())).orElse(true);
    }

    private boolean pausedGone(ConversationState.Paused paused) {
        return paused.flowId() == null || catalog.flow(paused.flowId()).isEmpty();
    }

    /**
     * Whether the conversation's question (or summary) and the path that led to it are steps of its flow: a flow file
     * changed under it, or a step name changed by hand, leaves names that "tillbaka" and the summary cannot follow.
     */
    private boolean fitsItsFlow(ConversationState s) {
        Flow f = catalog.flow(s.flowId()).orElseThrow();
        return (s.summary() || (s.stepId() != null && f.step(s.stepId()).isPresent()))
                && s.history().stream().allMatch(h -> f.step(h).isPresent());
    }

    private static boolean answeredAnything(ConversationState s) {
        return !s.history().isEmpty() || !s.answers().isEmpty();
    }

    private ConversationState expireIfIdle(ConversationState s, Instant now, List<String> notices) {
        if (!s.inFlow() || s.updatedAt() == null || !s.updatedAt().plus(idleTimeout).isBefore(now)) {
            return s;
        }
        String period = EngineTexts.period(idleTimeout, s.language());
        // a flow only the bot starts was not the person's to begin, and sends nothing of theirs
        boolean theBots = catalog.flow(s.flowId()).map(Flow::startedByBotOnly).orElse(false);
        notices.add((theBots ? EngineTexts.EXPIRED_UNANSWERED : EngineTexts.EXPIRED).in(s.language(),
                Map.of("title", titleOf(s.flowId(), s.language()), "period", period)));
        if (s.paused() != null) {
            // set aside longer ago still: it ends too, and the person hears of it as of the other
            notices.add(EngineTexts.EXPIRED.in(s.language(), Map.of("title", titleOf(s.paused().flowId(), s.language()),
                    "period", period)));
        }
        return s.idle().withoutPaused();
    }

    private Turn startOrGreet(ConversationState s, String text, String cmd, List<String> notices, Instant now,
            boolean dirty, boolean firstContact) {
        Optional<FlowCatalog.TriggerMatch> match = catalog.match(text);
        if (match.isEmpty()) {
            Reply r = reply(s, notices);
            if (THANKS.contains(cmd)) {
                r.say(EngineTexts.THANKS);
                return done(dirty ? s : null, r);
            }
            if (HELP.contains(cmd)) {
                r.say(EngineTexts.COMMANDS);
            }
            return menu(s, r, dirty, firstContact && !writesSwedish(text, cmd));
        }
        Flow flow = match.get().flow();
        Language language = match.get().language() == Language.EN ? Language.EN : s.language();
        ConversationState started = s.withLanguage(language).start(flow, UUID.randomUUID().toString(), now);
        Reply r = reply(started, notices);
        if (flow.intro() != null) {
            r.say(flow.intro(), started.context());
        }
        Optional<Opening> opening = openingAnswered(flow, text, language, now);
        if (opening.isPresent()) {
            // helper 100: "/fou <the whole request>" asked for the description again later; the words are kept as its
            // answer, taken when the flow comes to it (as an answer set aside is), shown in the summary and changeable there
            started = started.withContext(SET_ASIDE + opening.get().step().id(), opening.get().words());
            r.say(EngineTexts.OPENING_KEPT, Map.of("label", opening.get().step().labelOrText().in(r.language)));
        }
        return askFrom(started, flow, flow.firstStep(), r, s.key(), now);
    }

    /**
     * The flow's {@code opening-words} step, when the message that started the flow answers it as the step would take
     * it and says enough beyond the words that started it; empty otherwise.
     */
    private Optional<Opening> openingAnswered(Flow flow, String text, Language language, Instant now) {
        if (ownWords == null || flow.openingWords() == null || text == null) {
            return Optional.empty();
        }
        Step step = flow.step(flow.openingWords()).orElse(null);
        String words = withoutLeadingCommand(flow, text.strip());
        if (ASKS.matcher(words).find() || WONDERS.matcher(words).find()) {
            // a question ("Behöver vi söka på nytt för LUM-projektet?", "jag undrar om …") is no description of a request
            // (helper 104); the intake asks for one as before
            return Optional.empty();
        }
        if (step == null || !(AnswerReader.read(step, words, LocalDate.ofInstant(now, zone)) instanceof AnswerReader.Accepted)) {
            return Optional.empty();
        }
        List<String> besides = new ArrayList<>(flow.commands());
        flow.triggerWords().values().forEach(besides::addAll);
        return ownWords.count(words, language, besides) >= OPENING_OWN_WORDS ? Optional.of(new Opening(step, words)) : Optional.empty();
    }

    /** "Jag undrar om …", "I wonder whether …", "Behöver vi …": a question without its question mark. */
    private static final java.util.regex.Pattern WONDERS = java.util.regex.Pattern.compile("(?iU)\\b(undrar|funderar|wonder|wondering)\\b"
            // a question begun with its verb, without its question mark: "Behöver vi söka på nytt …", "Can we …"
            + "|(?:^|[.!]\\s+)(behöver|kan|får|ska|skall|måste|bör|borde|finns|har|är|gäller|går|do|does|can|could|should|is|are|may"
            + "|must)\\s+(vi|ni|jag|man|det|du|de|dom|we|i|you|it|there|they)\\b");

    /** The step a flow's opening words answer, and those words. */
    private record Opening(Step step, String words) {
    }

    /**
     * {@code text} without a first word that is only a command of the flow ("ny Vi behöver …" from "/fou ny Vi behöver
     * …"); a command that is also one of its trigger words ("Stöd med …") is part of the sentence and stays. The same
     * for the help command's word before a sentence of its own ("/fou hjälp Vi behöver …", "Hjälp! Vi behöver …"),
     * not when the sentence goes on from it ("Hjälp med enkäten …").
     */
    private static String withoutLeadingCommand(Flow flow, String text) {
        String[] parts = text.split("[\\s:,.!–-]+", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            return text;
        }
        String first = TextNormalizer.normalize(parts[0]);
        boolean onlyCommand = flow.commands().stream().map(TextNormalizer::normalize).anyMatch(first::equals)
                && flow.triggerWords().values().stream().flatMap(List::stream).map(TextNormalizer::normalize).noneMatch(first::equals);
        String between = text.substring(parts[0].length(), text.length() - parts[1].length());
        boolean helpBeforeASentence = HELP_WORDS.contains(first)
                // punctuation after it ("Hjälp!", "hjälp:"), or a capital letter beginning the next sentence
                && (!between.isBlank() || Character.isUpperCase(parts[1].codePointAt(0)));
        return onlyCommand || helpBeforeASentence ? parts[1].strip() : text;
    }

    /** The help command's words (the command table's), as the first word of a request they are no part of. */
    private static final java.util.Set<String> HELP_WORDS = java.util.Set.of("hjalp", "help");

    private Turn changedUnderfoot(ConversationState s, Flow flow, List<String> notices, Instant now) {
        ConversationState restarted = s.start(flow, UUID.randomUUID().toString(), now);
        Reply r = reply(restarted, notices);
        r.say(EngineTexts.RESTARTED);
        return ask(restarted, flow, flow.firstStep(), r);
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
        Step step = f.step(previous.stepId()).orElseThrow();
        // the answer goes with "tillbaka"; shown, it can be written again or changed (and a description kept from the
        // first message, whose question was never asked, is seen: helper 104)
        return ask(previous, f, step, r, s.answers().get(step.id()));
    }

    /** Words that may follow a "ja" that sends: thanks and agreement, nothing that names an answer or takes it back. */
    private static final Set<String> AGREEING = Set.of("tack", "garna", "det", "stammer", "skicka", "den", "in", "ser", "bra", "ut",
            "allt", "absolut", "precis", "korrekt", "send", "it", "please", "thanks", "thank", "you", "that", "thats", "s", "is",
            "right", "correct", "looks", "good", "all", "ok", "okej", "okay", "fine", "great", "perfekt", "perfect", "toppen", "to",
            "me", "och", "and", "sa", "mycket", "for", "hjalpen", "so", "much");

    /**
     * "ja", "skicka", or a "ja" followed by thanks and agreement only ("Ja tack, det stämmer", "yes, send it"): sending
     * cannot be undone, so "ja, mejlen är fel" or "ja, ändra 3" does not send.
     */
    private static boolean confirms(String cmd) {
        if (AnswerReader.YES.contains(cmd) || SEND.contains(cmd)) {
            return true;
        }
        String[] words = cmd.split(" ");
        // "Ja tack, det stämmer", "ok, skicka den", "allt stämmer", "looks good", "ja, inget att ändra"
        boolean yes = AnswerReader.YES.contains(words[0]) || SEND.contains(words[0]) || AGREEING_FIRST.contains(words[0]);
        String rest = String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length));
        if (words.length > 1 && yes && (java.util.Arrays.stream(words, 1, words.length).allMatch(AGREEING::contains)
                && joinsOnlyAgreement(words) || NOTHING_TO_CHANGE.contains(rest))) {
            return true;
        }
        // "ändra ingenting, skicka", "nothing to change, send it"
        return NOTHING_TO_CHANGE.stream().filter(p -> p.contains(" ")).anyMatch(p -> cmd.startsWith(p + " ")
                && java.util.Arrays.stream(cmd.substring(p.length() + 1).split(" ")).allMatch(AGREEING::contains));
    }

    /** A question mark in any script ("ja?", "ja? tack", "ja？", "ja‽"): a question about sending is no yes to it. */
    private static final java.util.regex.Pattern ASKS = java.util.regex.Pattern.compile("[?？﹖‽⁇⁈⁉؟¿\u037E]");
    /** An end that trails off: "ja,", "ja -", "ja...", "ja…", "ja och tack:". */
    private static final java.util.regex.Pattern TRAILS_OFF = java.util.regex.Pattern.compile("(?:[,\\-–—…:;]|\\.\\.)\\s*$");
    /** A frown or a doubt as a face ("ja :(", "ja :/", "ja :-("). */
    private static final java.util.regex.Pattern FROWN = java.util.regex.Pattern.compile(":-?[(/\\\\|]");
    /** The signs that may stand beside a yes: a thumb up, a tick, a smile. Any other (👎 ❌ 🤔) leaves it in doubt. */
    private static final Set<String> AGREEING_SIGNS = Set.of("👍", "✅", "✔", "✔️", "🙂", "😊", "😀", "👌", "🙏", "❤️", "❤");

    /**
     * Whether a yes at the summary was said outright, as the words alone cannot show: not asked ("ja?"), not trailing
     * off ("ja…", "ja,"), not beside a sign of doubt ("ja 👎", "ja :(").
     */
    private static boolean saidOutright(String text) {
        String t = text.strip();
        if (ASKS.matcher(t).find() || TRAILS_OFF.matcher(t).find() || FROWN.matcher(t).find()) {
            return false;
        }
        return t.codePoints().filter(c -> Character.getType(c) == Character.OTHER_SYMBOL)
                .allMatch(c -> AGREEING_SIGNS.contains(new String(Character.toChars(c))));
    }

    /** Words that join agreement to agreement ("ja och tack"). */
    private static final Set<String> JOINING_AGREEMENT = Set.of("och", "and");
    /** Words a finished yes does not end with ("ja och så", "yes and so", "ja och tack för", "yes and thank"). */
    private static final Set<String> UNFINISHED_LAST = Set.of("sa", "so", "for", "thank", "to");

    /**
     * Whether {@code words} end as a finished sentence: a joining word has a word after it that is not another ("ja och
     * tack" sends, "ja och", "ja och och" and "ja och så" are not done).
     */
    private static boolean joinsOnlyAgreement(String[] words) {
        for (int i = 1; i < words.length; i++) {
            if (JOINING_AGREEMENT.contains(words[i]) && (i == words.length - 1 || JOINING_AGREEMENT.contains(words[i + 1]))) {
                return false;
            }
        }
        return !UNFINISHED_LAST.contains(words[words.length - 1]);
    }

    /** Words of agreement a message that sends may begin with besides a yes ("allt stämmer", "looks good"). */
    private static final Set<String> AGREEING_FIRST = Set.of("allt", "looks", "precis", "perfekt", "perfect", "toppen", "stammer",
            "det");
    /** What may follow a yes that says nothing needs changing ("ja, ändra inget", "yes, nothing to change"). */
    private static final Set<String> NOTHING_TO_CHANGE = Set.of("andra inget", "andra ingenting", "andra inte nagot", "inget att andra",
            "ingenting att andra", "allt stammer inget att andra", "inget behover andras", "change nothing", "nothing to change",
            "no changes", "nothing", "inget", "ingenting");

    private Turn atSummary(ConversationState s, Flow f, ConversationKey key, String text, String cmd, Reply r, Instant now) {
        // "ja?", "skicka?": a question about sending is not a yes to it
        if (confirms(cmd) && saidOutright(text)) {
            return complete(s, f, key, r, now);
        }
        // "ändra 2–4" is 2, 3 and 4 (folded, the dash would be gone and "2 4" two numbers), "ändra roll–datum" two names
        // "5", "ändra 5", "ändra datum", "fel mejl", "change email", or the answer's name alone ("datum"); after a yes, a
        // no or a thanks too ("ja, ändra datum", "Ja tack. Ändra 3.", "Nej, fel mejl")
        String[] all = ordinals(cmd.split(" "), s.history().size());
        int end = all.length;
        while (end > 1 && TRAILING_THANKS.contains(all[end - 1])) {
            end--;
        }
        String[] words = java.util.Arrays.copyOf(all, end);
        int from = 0;
        while (from < words.length - 1 && LEAD_IN.contains(words[from])) {
            from++;
        }
        boolean change = from < words.length - 1 && CHANGE.contains(words[from]);
        int first = change ? from + 1 : from;
        // "ändra inget förutom trean", "allt stämmer utom datumet", "nothing except the date": what the exception names
        int except = exceptionAt(words);
        if (except > 0) {
            change = true;
            first = except + 1;
        }
        while (first < words.length - 1 && BEFORE_NAMED.contains(words[first])) {
            first++;
        }
        String[] namedWords = java.util.Arrays.copyOfRange(words, first, words.length);
        String named = NumberWords.numberIn(String.join(" ", namedWords));
        // "ändra 3 och 6", "ändra 2–4", "ändra datum och mejl": the first now, the others after it, one at a time (unless
        // the words are one answer's whole name); a range is spelled out for this only ("2–4" is 2, 3 and 4; folded, the
        // dash would be gone and "2 4" two numbers), the words before and after the named part stay as they were
        String[] spelled = ordinals(TextNormalizer.normalize(SummaryWords.spellOutRanges(text)).split(" "), s.history().size());
        // "ändra -1": folded, the minus is gone; no answer has a number below one
        boolean minus = ChoiceMatcher.negative(text);
        List<String> several = minus || spelled.length - (all.length - end) < first ? List.of()
                : answersNamed(s, f, java.util.Arrays.copyOfRange(spelled, first, spelled.length - (all.length - end)));
        boolean oneName = s.history().stream().flatMap(id -> f.step(id).stream()).anyMatch(step -> names(step).contains(named));
        if (!several.isEmpty() && !oneName) {
            if (several.size() > 1) {
                r.say(EngineTexts.CHANGE_IN_TURN);
            }
            String later = String.join(",", several.subList(1, several.size()));
            return ask(s.withContext(CHANGE_NEXT, later.isEmpty() ? null : later).asking(several.get(0), true), f,
                    f.step(several.get(0)).orElseThrow(), r);
        }
        // "ändra datum och telefonnumret": a part that names no answer is asked about, not dropped for the one that does
        boolean listed = !oneName && java.util.Arrays.stream(namedWords).anyMatch(JOINING::contains);
        // "ja, typ", "ja, datum": a hedge or a word after a yes, not a wish to change the answer it happens to name
        boolean bareNameAfterYes = !change && from > 0 && AnswerReader.YES.contains(words[0]) && namedWords.length == 1
                && !named.matches("\\d+");
        Optional<String> stepId = minus || listed || bareNameAfterYes ? Optional.empty() : answerNamed(s, f, named);
        if (stepId.isEmpty() && !minus && change && !listed && namedWords.length > 1 && (!NumberWords.numberIn(namedWords[1]).matches("\\d+")
                || NUMBER_THEN_COLON.matcher(text).find())) {
            // "ändra 6 till 15 mars", "ändra 3: nytt": the answer's number, then what it should say, which is asked for
            String itsNumber = NumberWords.numberIn(namedWords[0]);
            stepId = answerNamed(s, f, itsNumber).filter(id -> itsNumber.matches("\\d{1,2}"));
        }
        if (stepId.isPresent()) {
            return ask(s.asking(stepId.get(), true), f, f.step(stepId.get()).orElseThrow(), r);
        }
        String count = Integer.toString(s.history().size());
        if (named.matches("\\d{1,3}") && (change || first == from)) {
            // "ändra 15" of seven answers, or "15" alone: said back with how far the summary goes
            String theirs = SummaryWords.writtenPart(text, first, end).map(w -> w.replaceAll("[.!,]+$", "")).orElse(named);
            r.say(EngineTexts.SUMMARY_NUMBER_NOT_THERE, Map.of("count", count, "input", SummaryWords.shortened(theirs)));
        } else if (change && !named.matches("\\d+") && !NOTHING_TO_CHANGE.contains(named)) {
            // told back in the person's own words ("ändra något" → ”något”, "ändra 1–99" → ”1–99”), not as they were
            // folded or spelled out for matching, when the written words line up with the folded ones
            String theirs = SummaryWords.writtenPart(text, first, end)
                    .map(w -> w.replaceAll("[.!,]+$", "").replaceAll("^[\"'”“„»«]+|[\"'”“„»«]+$", "")).orElse(named);
            r.say(EngineTexts.SUMMARY_WHICH_NAMED, Map.of("count", count, "input", SummaryWords.shortened(theirs)));
        } else {
            r.say(EngineTexts.SUMMARY_WHICH, Map.of("count", count));
        }
        summaryChoices(r);
        return done(s, r);
    }

    /**
     * The folded words with the summary's ordinals that folding hides as numbers: "andra" after "den" as 2 ("ändra den
     * första och den andra"; folded, a bare "andra" is "ändra"), and "den sista", "ändra sista", "the last (one)" as the
     * last of {@code answers}.
     */
    private static String[] ordinals(String[] words, int answers) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String before = i == 0 ? "" : words[i - 1];
            boolean named = ARTICLES.contains(before) || CHANGE.contains(before);
            // "den andra mars", "den sista april" are dates
            boolean date = i + 1 < words.length && DateAnswerParser.isMonth(words[i + 1]);
            if (words[i].equals("andra") && before.equals("den") && !date) {
                out.add("2");
            } else if (named && !date && (words[i].equals("sista") || words[i].equals("last"))) {
                out.add(Integer.toString(answers));
                if (i + 1 < words.length && words[i + 1].equals("one")) {
                    i++;
                }
            } else {
                out.add(words[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    /** An answer's number and a colon, what it should say after it ("ändra 6: 20 mars"). */
    private static final java.util.regex.Pattern NUMBER_THEN_COLON = java.util.regex.Pattern.compile("(?<!\\p{Nd})\\p{Nd}{1,2}\\s*:");

    /** Words that set one answer apart from the rest that stand ("ändra inget förutom trean", "allt stämmer utom 3"). */
    private static final Set<String> EXCEPT = Set.of("forutom", "utom", "except", "besides");
    /** What may stand before such a word: agreement, thanks, and "nothing" ("Ja tack, inget förutom 3"). */
    private static final Set<String> BEFORE_EXCEPT = Set.of("inget", "ingenting", "inte", "nagot", "allt", "ar", "ratt", "bra",
            "nothing", "everything", "fine", "all", "good");

    /**
     * Where a word like "förutom" stands when all before it agrees and names nothing, and something follows it: the
     * answer after it is the one to change. -1 when there is none.
     */
    private static int exceptionAt(String[] words) {
        for (int i = 1; i < words.length - 1; i++) {
            if (EXCEPT.contains(words[i])) {
                boolean agreeingBefore = java.util.Arrays.stream(words, 0, i).allMatch(w -> LEAD_IN.contains(w)
                        || AGREEING.contains(w) || CHANGE.contains(w) || BEFORE_EXCEPT.contains(w));
                return agreeingBefore ? i : -1;
            }
        }
        return -1;
    }

    /** Words that join the answers of a change of several ("3 och 6", "datum samt mejl", "3, 6"). */
    private static final Set<String> JOINING = Set.of("och", "samt", "and", "plus");

    /**
     * The answers {@code words} name one by one, joined by "och", "and" or a comma ("3 och 6", "trean och sexan", "datum
     * och mejl"), in the order named; empty unless each part names one answer of its own.
     */
    private static List<String> answersNamed(ConversationState s, Flow f, String[] words) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (String w : words) {
            boolean number = NumberWords.numberIn(w).matches("\\d{1,2}");
            if (JOINING.contains(w) || number && part.stream().anyMatch(p -> NumberWords.numberIn(p).matches("\\d{1,2}"))) {
                // "3 6" (written "3, 6") is two numbers as much as "3 och 6"
                if (!part.isEmpty()) {
                    parts.add(part);
                }
                part = new ArrayList<>();
            }
            if (!JOINING.contains(w) && !(part.isEmpty() && BEFORE_NAMED.contains(w))) {
                part.add(w);
            }
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        List<String> named = new ArrayList<>();
        for (List<String> p : parts) {
            if (p.size() > 1 && p.stream().anyMatch(w -> w.chars().anyMatch(Character::isDigit))) {
                return List.of(); // "datum till 2027 03 01": words and numbers in one part are no list of answers
            }
            Optional<String> one = answerNamed(s, f, NumberWords.numberIn(String.join(" ", p)));
            if (one.isEmpty()) {
                return List.of();
            }
            if (!named.contains(one.get())) {
                named.add(one.get());
            }
        }
        return parts.size() > 1 ? named : List.of();
    }

    /**
     * After a changed answer: the next of several the person asked to change ("ändra 3 och 6"), when it is still among
     * the answers, or else the summary.
     */
    private Turn nextChangeOrSummary(ConversationState s, Flow f, Reply r) {
        List<String> later = new ArrayList<>(List.of(s.context().getOrDefault(CHANGE_NEXT, "").split(",")));
        // one no longer among the answers (a changed way left it out) is not asked
        later.removeIf(id -> id.isEmpty() || !s.history().contains(id));
        if (later.isEmpty()) {
            return summary(s.showingSummary(), f, r);
        }
        String next = later.remove(0);
        ConversationState asked = s.withContext(CHANGE_NEXT, later.isEmpty() ? null : String.join(",", later)).asking(next, true);
        return ask(asked, f, f.step(next).orElseThrow(), r);
    }

    /**
     * A number said as an answer to a numbered list, however it was written ("2", "nr 2", "två", "2:an", "den andra",
     * "2 tack", and "den sista" of {@code listed}), as digits; anything else as it is.
     */
    private static String numberSaid(String cmd, int listed) {
        List<String> words = new ArrayList<>(List.of(cmd.split(" ")));
        while (words.size() > 1 && TRAILING_THANKS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        while (words.size() > 1 && BEFORE_NAMED.contains(words.get(0))) {
            words.remove(0);
        }
        String said = String.join(" ", words);
        // "den andra" is the second; a bare "andra" is "ändra" folded
        if (cmd.startsWith("den ") && said.equals("andra")) {
            return "2";
        }
        // "den sista", "the last one": the last the person sees
        return LAST.contains(said) ? Integer.toString(listed) : NumberWords.numberIn(said);
    }

    /**
     * The number a short answer to a short list means when it says no to one ("nej, inte tvåan, ettan", "inte 2" of two:
     * the other): the one number said without a "no" before it, or, of two choices, the one not denied. Empty when it
     * says no number, or no one number.
     */
    private static String numberMeant(String cmd, int choices) {
        List<String> words = List.of(cmd.split(" "));
        Set<String> said = new java.util.LinkedHashSet<>();
        Set<String> denied = new java.util.LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String n = NumberWords.numberIn(words.get(i));
            if (n.matches("\\d{1,2}")) {
                boolean no = i > 0 && Set.of("inte", "ej", "not").contains(words.get(i - 1));
                (no ? denied : said).add(n);
            }
        }
        if (words.size() > 6) {
            return "";
        }
        if (said.size() == 1 && !denied.containsAll(said)) {
            return said.iterator().next();
        }
        if (said.isEmpty() && denied.size() == 1 && choices == 2) {
            return denied.contains("1") ? "2" : denied.contains("2") ? "1" : "";
        }
        return "";
    }

    /**
     * The answer of the summary {@code named} names: its number, or a word of its label, its step id or its aliases
     * ("datum" for a date, "mejl" for an address); empty when none or several fit.
     */
    private static Optional<String> answerNamed(ConversationState s, Flow f, String named) {
        if (named.matches("\\d{1,2}")) {
            int n = Integer.parseInt(named);
            return n >= 1 && n <= s.history().size() ? Optional.of(s.history().get(n - 1)) : Optional.empty();
        }
        if (named.length() < 3) {
            return Optional.empty();
        }
        List<String> exactly = new ArrayList<>();
        List<String> fitting = new ArrayList<>();
        for (String stepId : s.history()) {
            Step step = f.step(stepId).orElse(null);
            if (step != null && names(step).contains(named)) {
                exactly.add(stepId);
            }
            if (step != null && names(step).stream().anyMatch(name -> fits(name, named))) {
                fitting.add(stepId);
            }
        }
        List<String> found = exactly.isEmpty() ? fitting : exactly;
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static List<String> names(Step step) {
        List<String> names = new ArrayList<>();
        LocalizedText label = step.labelOrText();
        names.add(TextNormalizer.normalize(label.sv()));
        if (label.en() != null) {
            names.add(TextNormalizer.normalize(label.en()));
        }
        names.add(TextNormalizer.normalize(step.id()));
        step.aliases().forEach(a -> names.add(TextNormalizer.normalize(a)));
        names.addAll(TYPE_WORDS.getOrDefault(step.type(), List.of()));
        return names;
    }

    /** The whole name, or one of its words of four letters or more that the named word begins or ends ("rollen" ~ "roll"). */
    private static boolean fits(String name, String named) {
        if (name.equals(named)) {
            return true;
        }
        for (String word : name.split(" ")) {
            if (word.length() >= 4 && (named.startsWith(word) || word.startsWith(named) && named.length() >= 4)) {
                return true;
            }
        }
        return false;
    }

    private Turn complete(ConversationState s, Flow f, ConversationKey key, Reply r, Instant now) {
        OutcomeRequest request = new OutcomeRequest(key, f.id(), s.runId(), s.answers(), s.language(), now, Map.of(),
                s.context());
        return new Turn(s.idle(), r.lines, List.of(), new PendingOutcome(f, request));
    }

    /** The context key that keeps a bot-started run's outcome with it: see {@link UnansweredTeller}. */
    static final String OUTCOME = "outcome:";

    private static Map<String, String> withOutcome(Map<String, String> values, String outcome) {
        Map<String, String> kept = new java.util.LinkedHashMap<>(values);
        kept.put(OUTCOME, outcome);
        return kept;
    }

    /**
     * The bot starts {@code flow} for a person, with values for its texts. The person's own flow, when one runs, is
     * set aside and goes on where it stood once this one ends ({@link #resumePaused}). A flow only the bot starts (an
     * earlier question), or any flow while one is set aside already, is stopped instead: one flow waits at most.
     */
    Turn startFlow(ConversationState current, ConversationKey key, Flow flow, Map<String, String> values, Instant now) {
        List<String> notices = new ArrayList<>();
        ConversationState s = expireIfIdle(current != null ? current : ConversationState.fresh(key, now), now, notices);
        if (s.inFlow()) {
            String title = titleOf(s.flowId(), s.language());
            boolean theBots = catalog.flow(s.flowId()).map(Flow::startedByBotOnly).orElse(true);
            if (s.paused() == null && !theBots) {
                notices.add(EngineTexts.SET_ASIDE.in(s.language(), Map.of("title", title)));
                s = s.settingAside();
            } else {
                notices.add(EngineTexts.REPLACED.in(s.language()));
                if (s.paused() != null) {
                    notices.add(EngineTexts.STILL_SET_ASIDE.in(s.language(), Map.of("title", titleOf(s.paused().flowId(), s.language()))));
                }
            }
        } else if (s.paused() != null && !pausedGone(s.paused())) {
            // set aside under a run whose flow name was removed by hand: it still waits, and goes on after this one
            // (helper 114: the new question did not say so)
            notices.add(EngineTexts.STILL_SET_ASIDE.in(s.language(), Map.of("title", titleOf(s.paused().flowId(), s.language()))));
        }
        // whom to tell if the run ends unanswered, kept with the run: its flow may be gone by then (UnansweredTeller)
        Map<String, String> kept = flow.outcome() == null ? values : withOutcome(values, flow.outcome());
        ConversationState started = s.start(flow, UUID.randomUUID().toString(), kept, now);
        Reply r = reply(started, notices);
        if (flow.intro() != null) {
            r.say(flow.intro(), values);
        }
        return ask(started, flow, flow.firstStep(), r);
    }

    /**
     * When no flow runs and one was set aside for a bot-started one that has now ended (answered, cancelled), that
     * one goes on where it stood, asking its question again; a set-aside flow whose definition is gone is dropped.
     *
     * @return the turn that resumes it, or empty when there is nothing to resume
     */
    Optional<Turn> resumePaused(ConversationState s, Instant now) {
        return resumePaused(s, new ArrayList<>(), now);
    }

    /**
     * As {@link #resumePaused(ConversationState, Instant)}, after {@code notices}; one whose flow is gone is said so,
     * one whose steps no longer fit its flow goes on from its first question.
     */
    private Optional<Turn> resumePaused(ConversationState s, List<String> notices, Instant now) {
        if (s == null || s.inFlow() || s.paused() == null) {
            return Optional.empty();
        }
        if (pausedGone(s.paused())) {
            return Optional.of(new Turn(endGone(s, notices), notices, List.of(), null));
        }
        ConversationState resumed = s.resumingPaused();
        Flow flow = catalog.flow(resumed.flowId()).orElseThrow();
        Reply r = reply(resumed, notices);
        Map<String, String> title = Map.of("title", flow.title().in(resumed.language()));
        if (fitsItsFlow(resumed)) {
            r.say(EngineTexts.RESUMED, title);
            return Optional.of(repeatWhereWeAre(resumed, r));
        }
        if (!answeredAnything(resumed)) {
            r.say(EngineTexts.RESUMED, title);
            return Optional.of(ask(resumed, flow, flow.firstStep(), r));
        }
        r.say(EngineTexts.RESUMED_FROM_START, title);
        return Optional.of(ask(resumed.start(flow, UUID.randomUUID().toString(), now), flow, flow.firstStep(), r));
    }

    private String titleOf(String flowId, Language language) {
        return catalog.flow(flowId).map(f -> f.title().in(language)).orElse(flowId);
    }

    private Turn answer(ConversationState s, Flow f, Step step, String text, String cmd, Reply r, Instant now) {
        String value;
        if (SKIP.contains(cmd) && step.optional()) {
            value = null;
        } else if (SKIP.contains(cmd) && step.type() == AnswerType.TEXT) {
            r.say(EngineTexts.SKIPPED_REQUIRED);
            sayWhatTheBotAsked(s, f, r);
            return ask(s, f, step, r);
        } else {
            // a list's number however it was written ("nr 2", "två", "tvåan", "den andra"), as on the short list
            String number = step.type() != AnswerType.CHOICE ? "" : ChoiceMatcher.negative(text) ? "0"
                    : numberSaid(cmd, step.options().size());
            String answered = number.matches("\\d{1,2}") && !number.equals(cmd) ? number : text;
            // "ingen brådska" answers an optional step as a mail's line does (null: nothing)
            AnswerReader.Reading reading = AnswerReader.read(step, answered, LocalDate.ofInstant(now, zone), f.written(step.id()));
            if (reading instanceof AnswerReader.Refused && !answered.equals(text)) {
                // a number said in words that is no choice's ("femton" of fourteen): told back in the person's words
                reading = AnswerReader.read(step, text, LocalDate.ofInstant(now, zone), f.written(step.id()));
            }
            if (reading instanceof AnswerReader.Refused refused && refused.error() == AnswerError.UNKNOWN_CHOICE
                    && number.matches("\\d{1,3}") && !step.options().isEmpty()) {
                // a number the list does not have ("15" of fourteen): say how far the list goes, not that the name is unknown
                reading = AnswerReader.numberNotListed(text, step.options().size());
            }
            if (reading instanceof AnswerReader.Refused refused) {
                Optional<ChoiceOption> guessed = refused.error() == AnswerError.UNKNOWN_CHOICE ? guess(step, text, r.language)
                        : Optional.empty();
                if (guessed.isPresent()) {
                    return propose(s, step, guessed.get(), r);
                }
                r.lines.add(errorText(step, refused, r.language));
                if (refused.error() == AnswerError.AMBIGUOUS_CHOICE) {
                    return narrow(s, step, AnswerReader.candidates(step, refused.args().get(AnswerReader.CANDIDATES)), r);
                }
                sayWhatTheBotAsked(s, f, r);
                return ask(s, f, step, r);
            }
            value = ((AnswerReader.Accepted) reading).value();
        }
        return proceed(s, f, step, value, r, now);
    }

    /** The option of the step's list that a free answer most likely means, when a guesser reads that list. */
    private Optional<ChoiceOption> guess(Step step, String text, Language language) {
        if (step.optionsFrom() == null) {
            return Optional.empty();
        }
        // not the option the person said it is not ("det handlar inte om utvärdering")
        return guessers.stream().filter(g -> g.list().equals(step.optionsFrom())).findFirst()
                .flatMap(g -> g.guess(text, language)).flatMap(step::option).filter(o -> !ChoiceMatcher.denied(o, text));
    }


    /**
     * After "Vilket menar du?": only the choices the name fitted, numbered from 1 with a button each, so that the number
     * the person answers with is one they see next to the question; they wait in the context for the answer.
     */
    private Turn narrow(ConversationState s, Step step, List<ChoiceOption> candidates, Reply r) {
        return narrow(s, step, candidates, r, true);
    }

    /** As above; {@code hint}: "Svara med nummer eller namn." after the list (not when the line before said how). */
    private Turn narrow(ConversationState s, Step step, List<ChoiceOption> candidates, Reply r, boolean hint) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < candidates.size(); i++) {
            ChoiceOption o = candidates.get(i);
            list.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(o.label().in(r.language));
            r.choices.add(new ReplyChoice(o.id(), o.label().in(r.language)));
        }
        if (hint) {
            list.append('\n').append(EngineTexts.CHOICE_HINT.in(r.language));
        }
        r.lines.add(list.toString());
        String ids = candidates.stream().map(ChoiceOption::id).collect(java.util.stream.Collectors.joining(","));
        return done(s.withContext(NARROWED + step.id(), ids), r);
    }

    /** "Jag tolkar det som ”Uppföljning”. Stämmer det?": the guess waits in the context for a yes or a no. */
    private Turn propose(ConversationState s, Step step, ChoiceOption option, Reply r) {
        r.say(EngineTexts.GUESS, Map.of("option", option.label().in(r.language)));
        r.choices.add(new ReplyChoice("ja", r.language == Language.EN ? "Yes" : "Ja"));
        r.choices.add(new ReplyChoice("nej", r.language == Language.EN ? "No" : "Nej"));
        return done(s.withContext(PROPOSED + step.id(), option.id()), r);
    }

    /** Takes {@code value} (null: skipped) as the step's answer and goes on: the next step, or the summary. */
    private Turn proceed(ConversationState s, Flow f, Step step, String value, Reply r, Instant now) {
        ConversationState answered = s.answered(step.id(), value);
        if (answered.changing()) {
            int at = answered.history().indexOf(step.id());
            Optional<String> wasNext = at + 1 < answered.history().size()
                    ? Optional.of(answered.history().get(at + 1)) : Optional.empty();
            Optional<String> isNext = f.after(step, value).map(Step::id);
            if (step.branches().isEmpty() || wasNext.equals(isNext)) {
                return nextChangeOrSummary(answered, f, r);
            }
            // the way on changed ("Del av utvecklingsarbete" nej → ja): the answers after it are set aside, and a question
            // the new way still asks takes its answer again without being asked (a type, a date, an address)
            ConversationState truncated = answered.truncatedAfter(step.id());
            for (String later : answered.history().subList(at + 1, answered.history().size())) {
                // an optional question left without an answer ("hoppa över", "ingen brådska") is kept so too
                truncated = truncated.withContext(SET_ASIDE + later, answered.answers().getOrDefault(later, LEFT_OUT));
            }
            answered = truncated;
        }
        return onFrom(answered, f, step, value, s.key(), r, now);
    }

    /**
     * The question after {@code from}, answered {@code value}: the first that has no answer set aside (see
     * {@link #proceed}) is asked; with none left, the summary or the outcome.
     */
    private Turn onFrom(ConversationState s, Flow f, Step from, String value, ConversationKey key, Reply r, Instant now) {
        return askFrom(s, f, f.after(from, value), r, key, now);
    }

    /** {@code step}, or the first question from it on that has no answer set aside; with none left, the summary. */
    private Turn askFrom(ConversationState s, Flow f, Step step, Reply r, ConversationKey key, Instant now) {
        return askFrom(s, f, Optional.of(step), r, key, now);
    }

    private Turn askFrom(ConversationState s, Flow f, Optional<Step> first, Reply r, ConversationKey key, Instant now) {
        ConversationState answered = s;
        Optional<Step> next = first;
        while (next.isPresent() && answered.context().containsKey(SET_ASIDE + next.get().id())) {
            String aside = answered.context().get(SET_ASIDE + next.get().id());
            String kept = LEFT_OUT.equals(aside) ? null : aside;
            answered = answered.withContext(SET_ASIDE + next.get().id(), null).answered(next.get().id(), kept);
            next = f.after(next.get(), kept);
        }
        if (next.isPresent()) {
            return ask(answered.asking(next.get().id(), false), f, next.get(), r);
        }
        return f.confirm() ? nextChangeOrSummary(answered, f, r) : complete(answered, f, key, r, now);
    }

    /** {@code s} without what a change from the summary keeps between turns: the answers still to change or set aside. */
    private static ConversationState withoutChanges(ConversationState s) {
        ConversationState without = s.withContext(CHANGE_NEXT, null);
        for (String k : s.context().keySet()) {
            if (k.startsWith(SET_ASIDE)) {
                without = without.withContext(k, null);
            }
        }
        return without;
    }

    private String errorText(Step step, AnswerReader.Refused refused, Language language) {
        Map<String, String> args = new LinkedHashMap<>(refused.args());
        args.computeIfPresent("date", (k, iso) -> DateAnswerParser.stored(iso)
                .map(d -> DateAnswerParser.display(d, language)).orElse(iso));
        // "högst 3 000 tecken, du skrev 3 012", as the person's language writes a number
        args.computeIfPresent("max", (k, number) -> EngineTexts.number(number, language));
        args.computeIfPresent("length", (k, number) -> EngineTexts.number(number, language));
        args.computeIfPresent(AnswerReader.CANDIDATES, (k, ids) -> String.join(", ", AnswerReader.candidateNames(step, ids, language)));
        LocalizedText text = step.errors().getOrDefault(refused.error().key(), refused.error().defaultText());
        return text.in(language, args);
    }

    /**
     * Whether a button offered for {@code answering} answers what {@code s} asks now: the same question, or the step
     * whose answer is being guessed (its list's buttons still answer it while the guess waits).
     */
    static boolean asks(ConversationState s, String answering) {
        String now = s.question();
        return answering.equals(now) || now != null && now.startsWith(answering + ConversationState.GUESS);
    }

    /** The flow and the step {@code s} stands at are still in the catalog (see {@link #repeatWhereWeAre}). */
    private boolean canRepeat(ConversationState s) {
        return catalog.flow(s.flowId()).filter(f -> s.summary() || (s.stepId() != null && f.step(s.stepId()).isPresent())).isPresent();
    }

    private Turn repeatWhereWeAre(ConversationState s, Reply r) {
        Flow f = catalog.flow(s.flowId()).orElseThrow();
        if (s.summary()) {
            return summary(s, f, r);
        }
        sayWhatTheBotAsked(s, f, r);
        Step step = f.step(s.stepId()).orElseThrow();
        // a guess waiting for its yes or no is what is asked now ("Jag tolkar det som …"), not the step's list
        Optional<ChoiceOption> guessed = Optional.ofNullable(s.context().get(PROPOSED + step.id())).flatMap(step::option);
        if (guessed.isPresent()) {
            return propose(s, step, guessed.get(), r);
        }
        String narrowed = s.context().get(NARROWED + step.id());
        if (narrowed != null) {
            r.say(EngineTexts.WHICH_OF);
            return narrow(s, step, AnswerReader.candidates(step, narrowed), r);
        }
        return ask(s, f, step, r);
    }

    /**
     * A flow only the bot starts says what it is about in its intro alone (an analyst's question, in their words): asked
     * again, its step ("Skriv ditt svar här.") would not say what to answer.
     */
    private static void sayWhatTheBotAsked(ConversationState s, Flow f, Reply r) {
        if (f.startedByBotOnly() && f.intro() != null) {
            r.say(f.intro(), s.context());
        }
    }

    private Turn ask(ConversationState asked, Flow f, Step step, Reply r) {
        return ask(asked, f, step, r, null);
    }

    /** @param before the person's answer to the step before they went back to it; null: none */
    private Turn ask(ConversationState asked, Flow f, Step step, Reply r, String before) {
        // the whole question, its whole list: a short list or a guess that waited for this step is gone with it, so a
        // number answers from the list shown now ("börja om", "tillbaka", a button from before)
        ConversationState s = asked.withContext(NARROWED + step.id(), null).withContext(PROPOSED + step.id(), null);
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
        } else if (before != null && !before.isBlank()) {
            prompt.append('\n').append(EngineTexts.ANSWERED_BEFORE.in(r.language, Map.of("answer", AnswerReader.display(step, before, r.language))));
        }
        if (step.optional()) {
            prompt.append('\n').append(EngineTexts.OPTIONAL_HINT.in(r.language));
        }
        r.lines.add(prompt.toString());
        return done(s, r);
    }

    private Turn summary(ConversationState shown, Flow f, Reply r) {
        // the summary ends a change of several ("tillbaka" from one of them too), and what a changed way set aside
        ConversationState s = withoutChanges(shown);
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

    private static boolean writesSwedish(String text, String cmd) {
        return text.matches("(?s).*[åäöÅÄÖ].*") || java.util.Arrays.stream(cmd.split(" ")).anyMatch(SWEDISH_WORDS::contains);
    }

    /**
     * What the bot can do; {@code offerLanguage} while the person's language is unknown (a first contact that did
     * not write Swedish): the other language is offered on a line of its own.
     */
    private Turn menu(ConversationState s, Reply r, boolean write, boolean offerLanguage) {
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
        if (offerLanguage && s.language() == Language.SV) {
            r.say(EngineTexts.LANGUAGE_OFFER);
        }
        return done(write ? s : null, r);
    }

    /** The turn; its choices answer the question {@code next} asks (see {@link ReplyChoice#question()}). */
    private static Turn done(ConversationState next, Reply r) {
        String question = next == null ? null : next.question();
        List<ReplyChoice> choices = question == null ? r.choices : r.choices.stream().map(c -> c.answering(question)).toList();
        return new Turn(next, r.lines, choices, null);
    }
}
