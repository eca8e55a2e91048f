package se.foubot.knowledgegaps;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import se.foubot.conversation.Language;
import se.foubot.knowledgegaps.GapEntry.Source;
import se.foubot.knowledgegaps.GapGroup.Decision;
import se.foubot.language.TextAnalysis;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Texts;
import se.foubot.privacy.GuardedText;
import se.foubot.store.StoreIndexes;
import se.foubot.tasks.AuditLog;

/**
 * The knowledge-gap inventory: rounds, their entries, groups and decisions. Every change is a single-document
 * conditional write (an entry's unique source key, a round's status, a group's decision), so a retried message, a
 * second replica or two analysts clicking at once change things once.
 */
@Service
public class KnowledgeGapService implements StoreIndexes {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeGapService.class);
    /** Who decided, when a decision came through the admin API rather than from an analyst in Slack. */
    public static final String API_ACTOR = "admin-api";
    static final int MAX_OPENING_TEXT = 3000;
    /** How long the same opening asked for again is taken as a repeat of the first (see {@link #sameOpeningJustNow}). */
    static final java.time.Duration REPEAT_WINDOW = java.time.Duration.ofHours(1);
    static final int MAX_TEXT = 2000;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;
    private final ApplicationEventPublisher events;
    private final GapLists lists;
    private final TextAnalysis analysis;
    private final KnowledgeGapProperties properties;
    private final Texts texts;
    private final AuditLog audit;
    /** Openings in this process one at a time, so that a repeat finds the round its first made; across replicas, the lease. */
    private final Object opening = new Object();
    /** The lease that lets one replica at a time open a round. */
    static final String OPENING_LEASE = "knowledge-gap-opening";
    /** Longer than any opening takes; a replica that dies holding it lets go when it runs out. */
    private static final java.time.Duration OPENING_TTL = java.time.Duration.ofSeconds(30);

    private final se.foubot.store.Leases leases;

    KnowledgeGapService(MongoTemplate mongo, Clock clock, ZoneId zone, ApplicationEventPublisher events, GapLists lists,
            TextAnalysis analysis, KnowledgeGapProperties properties, Texts texts, AuditLog audit, se.foubot.store.Leases leases) {
        this.leases = leases;
        this.audit = audit;
        this.mongo = mongo;
        this.clock = clock;
        this.zone = zone;
        this.events = events;
        this.lists = lists;
        this.analysis = analysis;
        this.properties = properties;
        this.texts = texts;
    }

    @Override
    public void ensure(MongoTemplate m) {
        m.indexOps(GapEntry.COLLECTION).createIndex(new Index().on("sourceKey", Sort.Direction.ASC).unique());
        m.indexOps(GapEntry.COLLECTION).createIndex(new Index().on("roundId", Sort.Direction.ASC).on("district", Sort.Direction.ASC));
        m.indexOps(GapGroup.COLLECTION).createIndex(new Index().on("roundId", Sort.Direction.ASC));
        m.indexOps(Invitation.COLLECTION).createIndex(new Index().on("person", Sort.Direction.ASC));
    }

    /** A round was opened: the districts are invited. */
    public record RoundOpened(Round round) {
    }

    /**
     * A round was closed and its entries grouped: the groups go to the analysts.
     *
     * @param before closed by an earlier call: this one changed nothing, and its groups may be decided already (never so
     *               for the event, which only the closing call publishes)
     */
    public record RoundClosed(Round round, List<GapGroup> groups, boolean before) {
    }

    /** A group changed (confirmed, split into these, decided): its Slack message is brought up to date. */
    public record GroupsChanged(Round round, List<GapGroup> groups, String actor, String action) {
    }

    /** Every group of the round has a decision: the districts are told. */
    public record AllDecided(Round round) {
    }

    /**
     * A decision replaced another one's before the districts were told, as the rule allows: two analysts deciding at
     * once (the later stands), or one changing another's. {@code replacedBy} (who made the decision that no longer
     * stands) is told; {@code round} as it is after the decision, told or not.
     */
    public record DecisionReplaced(GapGroup group, Decision replaced, String replacedBy, Round round) {
    }

    public sealed interface Opened permits OpenedRound, Refused {
    }

    /** @param again the same opening asked for again (a retry, a double submit): the round opened then, nobody invited anew */
    public record OpenedRound(Round round, boolean again) implements Opened {
        public OpenedRound(Round round) {
            this(round, false);
        }
    }

    /**
     * Refused, with the reasons in the asker's language, each by the field it is about ("year", "text", "deadline": the
     * blocks of the Slack form), so a form shows each beside its field (helper 121: all were under the deadline).
     */
    public record Refused(List<Reason> refusals) implements Opened {
        public List<String> reasons() {
            return refusals.stream().map(Reason::text).toList();
        }

        /** The reasons by field, two about one field in one text. */
        public Map<String, String> byField() {
            Map<String, String> by = new java.util.LinkedHashMap<>();
            refusals.forEach(r -> by.merge(r.field(), r.text(), (a, b) -> a + " " + b));
            return by;
        }
    }

    /** Why an opening is refused, and the field it is about. */
    public record Reason(String field, String text) {
    }

    // ---------------------------------------------------------------- rounds

    /** Opens a round for {@code year} that takes answers to the end of {@code deadline}; the districts are invited. */
    public Opened open(int year, GuardedText openingText, LocalDate deadline, Recipient coordinator, Language language) {
        List<Reason> reasons = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        if (year < today.getYear() - 1 || year > today.getYear() + 2) {
            reasons.add(new Reason("year", texts.get(language, "knowledgegaps.open.year", "from", today.getYear() - 1, "to",
                    today.getYear() + 2)));
        }
        if (deadline == null || deadline.isBefore(today)) {
            reasons.add(new Reason("deadline", texts.get(language, "knowledgegaps.open.deadline-passed")));
        }
        if (openingText.identityNumberRemoved()) {
            reasons.add(new Reason("text", texts.get(language, "knowledgegaps.identity-number")));
        }
        if (openingText.textOr("").strip().length() > MAX_OPENING_TEXT) {
            reasons.add(new Reason("text", texts.get(language, "knowledgegaps.open.too-long", "max", Texts.count(MAX_OPENING_TEXT, language))));
        }
        if (!reasons.isEmpty()) {
            return new Refused(reasons);
        }
        synchronized (opening) {
            // helper 101: two replicas given the same opening in the same instant each opened a round (the lock above is
            // this process's); the lease makes the second wait and find the first's round
            String holder = UUID.randomUUID().toString();
            boolean held = awaitOpeningLease(holder);
            try {
                Optional<Round> same = sameOpeningJustNow(year, blankToNull(openingText.textOr("")), deadline);
                if (same.isPresent()) {
                    log.info("event=knowledge_gap_round_open_repeated round={}", same.get().id());
                    // the first call's process may have died while it invited: what it did not queue is queued now
                    // (each invitation goes once by its key; helper 127)
                    events.publishEvent(new RoundOpened(same.get()));
                    return new OpenedRound(same.get(), true);
                }
                return openNew(year, openingText, deadline, coordinator);
            } finally {
                if (held) {
                    leases.release(OPENING_LEASE, holder);
                }
            }
        }
    }

    /**
     * Waits for the opening lease, at most its lifetime (measured here, not by the bot's clock, which tests stop);
     * past that, a store that answers no lease does not keep a round from opening. @return whether it was taken
     */
    private boolean awaitOpeningLease(String holder) {
        long until = System.nanoTime() + OPENING_TTL.toNanos();
        while (!leases.acquire(OPENING_LEASE, holder, OPENING_TTL)) {
            if (System.nanoTime() > until) {
                log.warn("event=knowledge_gap_opening_lease_unavailable waited_s={}", OPENING_TTL.toSeconds());
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * A round of {@code year} with the same words and deadline, opened within {@link #REPEAT_WINDOW} and still open: the
     * same opening asked for again (an admin call retried, a form sent twice; helper 100: two calls a second apart
     * opened kl-2027 and kl-2027-2 and invited every district twice). A second round of a year is opened with other
     * words or another deadline, or later.
     */
    private Optional<Round> sameOpeningJustNow(int year, String text, LocalDate deadline) {
        Instant since = clock.instant().minus(REPEAT_WINDOW);
        return mongo.find(Query.query(Criteria.where("year").is(year).and("status").is(Round.Status.OPEN)), Round.class).stream()
                .filter(r -> java.util.Objects.equals(sameSpacing(r.openingText()), sameSpacing(text)) && deadline.equals(r.deadline())
                        && r.openedAt() != null && r.openedAt().isAfter(since))
                .findFirst();
    }

    /**
     * The words with every run of spaces (a non-breaking one from Word or a web form too) as one: the same opening
     * typed again is the same (helper 104: a non-breaking space opened a third round and invited everyone again).
     */
    private static String sameSpacing(String text) {
        return text == null ? null : text.replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ").strip();
    }

    private Opened openNew(int year, GuardedText openingText, LocalDate deadline, Recipient coordinator) {
        // as the store keeps it: the answer to the opening and to a repeat show the same time (helper 102)
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant closesAt = deadline.plusDays(1).atStartOfDay(zone).toInstant();
        for (int n = 1; ; n++) {
            Round round = new Round(n == 1 ? "kl-" + year : "kl-" + year + "-" + n, year, blankToNull(openingText.textOr("")),
                    deadline, closesAt, Round.Status.OPEN, coordinator, now, null, 0, 0, null);
            try {
                mongo.insert(round);
                log.info("event=knowledge_gap_round_opened round={} deadline={}", round.id(), deadline);
                audit(round.id(), null, coordinator, "opened", deadline.toString());
                events.publishEvent(new RoundOpened(round));
                return new OpenedRound(round);
            } catch (DuplicateKeyException taken) {
                // another round that year: the next id
            }
        }
    }

    public Optional<Round> round(String id) {
        return Optional.ofNullable(id == null ? null : mongo.findById(id, Round.class));
    }

    /** Newest first. */
    public List<Round> rounds() {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "openedAt")), Round.class);
    }

    /** The newest round that takes answers now. */
    public Optional<Round> openRound() {
        return roundsTakingAnswers().stream().findFirst();
    }

    /** Every round that takes answers now, newest first. */
    public List<Round> roundsTakingAnswers() {
        Instant now = clock.instant();
        return mongo.find(Query.query(Criteria.where("status").is(Round.Status.OPEN)).with(Sort.by(Sort.Direction.DESC, "openedAt")),
                Round.class).stream().filter(r -> r.takesAnswers(now)).toList();
    }

    /**
     * The rounds {@code person} may answer now, newest first: those they were invited to or reminded of, when any of
     * them takes answers; otherwise every round that does (someone not invited may still answer).
     */
    public List<Round> roundsFor(Recipient person) {
        List<Round> open = roundsTakingAnswers();
        if (open.size() < 2 || person == null) {
            return open;
        }
        java.util.Set<String> invited = invitedTo(person);
        List<Round> theirs = open.stream().filter(r -> invited.contains(r.id())).toList();
        return theirs.isEmpty() ? open : theirs;
    }

    /** The rounds {@code person} was invited to or reminded of in Slack, while they take answers. */
    public java.util.Set<String> invitedTo(Recipient person) {
        return new java.util.HashSet<>(mongo.findDistinct(Query.query(Criteria.where("person").is(person)), "roundId", Invitation.class,
                String.class));
    }

    /** {@code person} was invited to or reminded of {@code round} for {@code district} (again: nothing changes). */
    void invited(Round round, String district, Recipient person) {
        mongo.upsert(Query.query(Criteria.where("_id").is(Invitation.id(round.id(), person))), new Update().setOnInsert("roundId", round.id())
                .setOnInsert("district", district).setOnInsert("person", person).setOnInsert("at", clock.instant()), Invitation.class);
    }

    /** Rounds still open (their deadline may have passed; they wait to be closed). */
    public List<Round> openRounds() {
        return mongo.find(Query.query(Criteria.where("status").is(Round.Status.OPEN)), Round.class);
    }

    /**
     * Closes the round and groups its entries (a round closed before keeps its groups: closing twice is closing once).
     * @return empty when there is no such round
     */
    public Optional<RoundClosed> close(String id, Recipient actor) {
        Round closed = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status").is(Round.Status.OPEN)),
                new Update().set("status", Round.Status.CLOSED).set("closedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), Round.class);
        Round round = closed != null ? closed : mongo.findById(id, Round.class);
        if (round == null) {
            return Optional.empty();
        }
        if (closed != null) {
            // who was invited only routes answers while the round takes them
            mongo.remove(Query.query(Criteria.where("roundId").is(id)), Invitation.class);
            log.info("event=knowledge_gap_round_closed round={}", id);
            audit(id, null, actor, "closed", null);
        }
        List<GapGroup> groups = groups(id);
        if (groups.isEmpty() || entries(id).stream().anyMatch(e -> e.groupId() == null)) {
            groups = makeGroups(round);
        }
        RoundClosed result = new RoundClosed(mongo.findById(id, Round.class), groups, closed == null);
        if (closed != null) {
            events.publishEvent(result);
        }
        return Optional.of(result);
    }

    // ---------------------------------------------------------------- entries

    /** What a person, a mail, the forum or a task says about one knowledge gap. Null where not said. */
    public record Answer(String district, String theme, String ownTheme, String perspective, String text, String help,
            String level, String urgency) {
    }

    public sealed interface Saved permits SavedEntry, NotTaken {
    }

    /** @param created false when the same source had given it before, or it replaced an entry */
    public record SavedEntry(GapEntry entry, Round round, boolean created) implements Saved {
    }

    /** Not taken: {@code reason} is a text key of the bundle (no round open, deadline passed, not yours, …). */
    public record NotTaken(String reason, Round round) implements Saved {
    }

    /**
     * Adds an entry to the round (or to the open round when {@code roundId} is null) under the unique
     * {@code sourceKey}; the same key again gives the entry saved the first time.
     */
    public Saved add(String roundId, String sourceKey, Source source, Recipient person, Answer answer) {
        GapEntry before = mongo.findOne(Query.query(Criteria.where("sourceKey").is(sourceKey)), GapEntry.class);
        if (before != null) {
            return new SavedEntry(before, round(before.roundId()).orElse(null), false);
        }
        Optional<Round> round = roundId == null ? roundsFor(person).stream().findFirst() : round(roundId);
        if (round.isEmpty()) {
            return new NotTaken("knowledgegaps.no-round", null);
        }
        if (!round.get().takesAnswers(clock.instant())) {
            return new NotTaken("knowledgegaps.round-closed", round.get());
        }
        Round numbered = mongo.findAndModify(Query.query(Criteria.where("_id").is(round.get().id())), new Update().inc("entrySeq", 1),
                FindAndModifyOptions.options().returnNew(true), Round.class);
        Instant now = clock.instant();
        String theme = themeOf(answer);
        GapEntry entry = new GapEntry(String.format("%s-%03d", numbered.id(), numbered.entrySeq()), numbered.id(), sourceKey, source,
                answer.district(), person, theme, blankToNull(answer.ownTheme()), byRules(answer, theme),
                answer.perspective(), clip(answer.text()), answer.help(), answer.level(), answer.urgency(), null, now, now, null);
        try {
            mongo.insert(entry);
        } catch (DuplicateKeyException sameSourceAtOnce) {
            GapEntry first = mongo.findOne(Query.query(Criteria.where("sourceKey").is(sourceKey)), GapEntry.class);
            return new SavedEntry(first, numbered, false);
        }
        log.info("event=knowledge_gap_entry_added round={} entry={} source={} district={}", numbered.id(), entry.id(),
                source.name().toLowerCase(), answer.district());
        return new SavedEntry(entry, numbered, true);
    }

    /** Replaces what an entry says, for its sender, while its round takes answers. */
    public Saved change(String entryId, Recipient person, Answer answer) {
        GapEntry entry = entry(entryId).orElse(null);
        if (entry == null) {
            return new NotTaken("knowledgegaps.no-such-entry", null);
        }
        Round round = round(entry.roundId()).orElseThrow();
        if (!sameSender(entry, person)) {
            return new NotTaken("knowledgegaps.not-yours", round);
        }
        if (!round.takesAnswers(clock.instant())) {
            return new NotTaken("knowledgegaps.round-closed", round);
        }
        String theme = themeOf(answer);
        GapEntry changed = mongo.findAndModify(Query.query(Criteria.where("_id").is(entryId)),
                new Update().set("district", answer.district()).set("theme", theme).set("ownTheme", blankToNull(answer.ownTheme()))
                        .set("themeSorted", byRules(answer, theme))
                        .set("perspective", answer.perspective()).set("text", clip(answer.text())).set("help", answer.help())
                        .set("level", answer.level()).set("urgency", answer.urgency()).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), GapEntry.class);
        log.info("event=knowledge_gap_entry_changed round={} entry={}", round.id(), entryId);
        return new SavedEntry(changed, round, false);
    }

    /** Removes an entry, for its sender, while its round takes answers. @return the reason key when not removed */
    public Optional<String> remove(String entryId, Recipient person) {
        GapEntry entry = entry(entryId).orElse(null);
        if (entry == null) {
            return Optional.of("knowledgegaps.no-such-entry");
        }
        if (!sameSender(entry, person)) {
            return Optional.of("knowledgegaps.not-yours");
        }
        if (!round(entry.roundId()).map(r -> r.takesAnswers(clock.instant())).orElse(false)) {
            return Optional.of("knowledgegaps.round-closed");
        }
        mongo.remove(Query.query(Criteria.where("_id").is(entryId)), GapEntry.class);
        log.info("event=knowledge_gap_entry_removed round={} entry={}", entry.roundId(), entryId);
        return Optional.empty();
    }

    public Optional<GapEntry> entry(String id) {
        return Optional.ofNullable(id == null ? null : mongo.findById(id.toLowerCase(), GapEntry.class));
    }

    public List<GapEntry> entries(String roundId) {
        return mongo.find(Query.query(Criteria.where("roundId").is(roundId)).with(Sort.by("createdAt", "_id")), GapEntry.class);
    }

    public List<GapEntry> entries(String roundId, String district) {
        return mongo.find(Query.query(Criteria.where("roundId").is(roundId).and("district").is(district)).with(Sort.by("createdAt", "_id")),
                GapEntry.class);
    }

    /** The entries {@code person} sent to the round. */
    public List<GapEntry> entriesBy(String roundId, Recipient person) {
        return mongo.find(Query.query(Criteria.where("roundId").is(roundId).and("person").is(person)).with(Sort.by("createdAt", "_id")),
                GapEntry.class);
    }

    /** Districts that have sent at least one entry to the round. */
    public java.util.Set<String> districtsAnswered(String roundId) {
        return new java.util.HashSet<>(mongo.findDistinct(Query.query(Criteria.where("roundId").is(roundId)), "district",
                GapEntry.class, String.class));
    }

    private static boolean sameSender(GapEntry entry, Recipient person) {
        return entry.person() != null && entry.person().channel().equals(person.channel())
                && entry.person().address().equalsIgnoreCase(person.address());
    }

    /**
     * Whether the rules gave the entry its theme: nobody chose one (free text, forum, a task, a mail without "Tema:"), or
     * "Annat tema" and own words were chosen and the rules placed them under one of the list's themes. "Annat tema" the
     * person chose and kept is theirs (helper 121: it was exported as theme_by_rules=true).
     */
    private static boolean byRules(Answer answer, String theme) {
        if (answer.theme() != null && !GapLists.OTHER_THEME.equals(answer.theme())) {
            return false;
        }
        boolean chose = answer.theme() != null || !blank(answer.ownTheme());
        return !chose || !GapLists.OTHER_THEME.equals(theme);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private String themeOf(Answer answer) {
        if (answer.theme() != null && !GapLists.OTHER_THEME.equals(answer.theme())) {
            return answer.theme();
        }
        return lists.sortTheme((answer.ownTheme() == null ? "" : answer.ownTheme() + ". ") + (answer.text() == null ? "" : answer.text()));
    }

    // ---------------------------------------------------------------- groups and decisions

    public List<GapGroup> groups(String roundId) {
        return mongo.find(Query.query(Criteria.where("roundId").is(roundId)).with(Sort.by("_id")), GapGroup.class);
    }

    public Optional<GapGroup> group(String id) {
        return Optional.ofNullable(id == null ? null : mongo.findById(id, GapGroup.class));
    }

    /** Groups the round's entries not yet in a group (similar ones from different districts together). */
    private List<GapGroup> makeGroups(Round round) {
        List<GapEntry> loose = entries(round.id()).stream().filter(e -> e.groupId() == null).toList();
        List<List<GapEntry>> proposed = new GapGrouping(analysis, properties.groupingSimilarity()).group(loose);
        for (List<GapEntry> members : proposed) {
            newGroup(round.id(), members, members.size() == 1);
        }
        log.info("event=knowledge_gap_round_grouped round={} entries={} groups={}", round.id(), loose.size(), proposed.size());
        return groups(round.id());
    }

    private GapGroup newGroup(String roundId, List<GapEntry> members, boolean confirmed) {
        Round numbered = mongo.findAndModify(Query.query(Criteria.where("_id").is(roundId)), new Update().inc("groupSeq", 1),
                FindAndModifyOptions.options().returnNew(true), Round.class);
        String id = String.format("%s-g%02d", roundId, numbered.groupSeq());
        List<String> districts = members.stream().map(GapEntry::district).filter(java.util.Objects::nonNull).distinct().toList();
        GapGroup group = new GapGroup(id, roundId, mostCommonTheme(members), members.stream().map(GapEntry::id).toList(), districts,
                confirmed, null, null, null, null, clock.instant());
        mongo.insert(group);
        mongo.updateMulti(Query.query(Criteria.where("_id").in(group.entryIds())), new Update().set("groupId", id), GapEntry.class);
        return group;
    }

    private static String mostCommonTheme(List<GapEntry> members) {
        return members.stream().collect(java.util.stream.Collectors.groupingBy(GapEntry::theme, java.util.LinkedHashMap::new,
                java.util.stream.Collectors.counting())).entrySet().stream().max(Comparator.comparingLong(java.util.Map.Entry::getValue))
                .map(java.util.Map.Entry::getKey).orElse(GapLists.OTHER_THEME);
    }

    /** An analyst confirms that the group's entries say the same thing. */
    public Optional<GapGroup> confirm(String groupId, String analyst) {
        GapGroup g = mongo.findAndModify(Query.query(Criteria.where("_id").is(groupId)), new Update().set("confirmed", true),
                FindAndModifyOptions.options().returnNew(true), GapGroup.class);
        if (g != null) {
            audit(g.roundId(), groupId, Recipient.slack(analyst), "group-confirmed", null);
            events.publishEvent(new GroupsChanged(round(g.roundId()).orElseThrow(), List.of(g), analyst, "confirmed"));
        }
        return Optional.ofNullable(g);
    }

    /**
     * An analyst splits a proposed group: each of its entries becomes a group of its own (confirmed), the proposal is
     * gone. A group already decided is not split. @return the new groups; empty when there was nothing to split
     */
    public List<GapGroup> split(String groupId, String analyst) {
        GapGroup proposed = group(groupId).orElse(null);
        if (proposed == null || proposed.decision() != null || proposed.entryIds().size() < 2) {
            return List.of();
        }
        GapGroup g = mongo.findAndRemove(Query.query(Criteria.where("_id").is(groupId).and("decision").is(null)), GapGroup.class);
        if (g == null) {
            return List.of();
        }
        List<GapGroup> made = new ArrayList<>();
        List<GapEntry> members = mongo.find(Query.query(Criteria.where("_id").in(g.entryIds())).with(Sort.by("_id")), GapEntry.class);
        for (GapEntry e : members) {
            made.add(newGroup(g.roundId(), List.of(e), true));
        }
        audit(g.roundId(), groupId, Recipient.slack(analyst), "group-split", String.join(",", made.stream().map(GapGroup::id).toList()));
        log.info("event=knowledge_gap_group_split round={} group={} into={}", g.roundId(), groupId, made.size());
        events.publishEvent(new GroupsChanged(round(g.roundId()).orElseThrow(), made, analyst, "split:" + groupId + ":"
                + (g.post() == null ? "" : g.post().channel() + ":" + g.post().ts())));
        return made;
    }

    /** True when the group exists and its round's outcomes have gone out, so its decision can no longer change. */
    public boolean decisionLocked(String groupId) {
        return group(groupId).flatMap(g -> round(g.roundId())).map(r -> r.outcomesSentAt() != null).orElse(false);
    }

    /**
     * Records the decision about a group (a later decision replaces an earlier one until the districts are told; one that
     * replaces another's different decision is announced with {@link DecisionReplaced}).
     */
    public Optional<GapGroup> decide(String groupId, Decision decision, String actor) {
        GapGroup before = group(groupId).orElse(null);
        if (before == null || round(before.roundId()).map(r -> r.outcomesSentAt() != null).orElse(true)) {
            return Optional.empty();
        }
        // the group as it was just before this write, read in the same step: with two analysts deciding at the same moment,
        // the later learns here whose decision it replaced (a black-box tester's overridden analyst was never told)
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        GapGroup was = mongo.findAndModify(Query.query(Criteria.where("_id").is(groupId)), new Update().set("decision", decision)
                .set("decidedBy", actor).set("decidedAt", at).set("confirmed", true),
                FindAndModifyOptions.options().returnNew(false), GapGroup.class);
        if (was == null) {
            return Optional.empty();
        }
        GapGroup g = new GapGroup(was.id(), was.roundId(), was.theme(), was.entryIds(), was.districts(), true, decision, actor, at,
                was.post(), was.createdAt());
        log.info("event=knowledge_gap_group_decided round={} group={} decision={}", g.roundId(), groupId, decision.id());
        audit(g.roundId(), groupId, actor == null ? null : API_ACTOR.equals(actor) ? new Recipient(API_ACTOR, "admin") : Recipient.slack(actor),
                "decided", decision.id());
        Round round = round(g.roundId()).orElseThrow();
        events.publishEvent(new GroupsChanged(round, List.of(g), actor, "decided"));
        if (round.status() == Round.Status.CLOSED && groups(round.id()).stream().allMatch(x -> x.decision() != null)) {
            Round told = mongo.findAndModify(Query.query(Criteria.where("_id").is(round.id()).and("outcomesSentAt").is(null)),
                    new Update().set("outcomesSentAt", clock.instant()), FindAndModifyOptions.options().returnNew(true), Round.class);
            if (told != null) {
                events.publishEvent(new AllDecided(told));
            }
        }
        if (was.decision() != null && was.decision() != decision && was.decidedBy() != null && !was.decidedBy().equals(actor)) {
            log.info("event=knowledge_gap_decision_replaced round={} group={} was={} decision={}", g.roundId(), groupId,
                    was.decision().id(), decision.id());
            events.publishEvent(new DecisionReplaced(g, was.decision(), was.decidedBy(), round(g.roundId()).orElse(round)));
        }
        return Optional.of(g);
    }

    /** Where the group's Slack message is, once posted. */
    public void posted(String groupId, GapGroup.Post post) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(groupId)), new Update().set("post", post), GapGroup.class);
    }

    // ---------------------------------------------------------------- audit

    /** A line in the audit log: who opened, closed, grouped or decided what, when. No free text. */
    private void audit(String roundId, String groupId, Recipient actor, String action, String detail) {
        Instant at = clock.instant();
        Map<String, Object> details = new HashMap<>();
        details.put("round", roundId);
        details.put("group", groupId);
        details.put("detail", detail);
        audit.record("knowledge-gaps:" + (groupId != null ? groupId : roundId) + "#" + action + "#" + at.toEpochMilli(), at,
                actor == null ? null : actor.channel() + ":" + actor.address(), "knowledge-gaps:" + action, details);
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
