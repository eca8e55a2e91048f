package se.foubot.knowledgegaps;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.foubot.admin.Csv;
import se.foubot.conversation.Language;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.OutsideTextGuard;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Admin API of the inventory (bearer FOUBOT_ADMIN_TOKEN, as every /api/ endpoint): rounds and their result as JSON,
 * opening and closing a round, a group's decision, and the CSV for the prioritisation meeting (also served to
 * signed-in staff under /dashboard/exports/).
 */
@RestController
class KnowledgeGapAdminController {

    /**
     * What POST /api/knowledge-gaps/rounds takes, as the JSON says it, so that each field's kind is checked here
     * (helper 104: Jackson's coercion opened a round for "year": 2027.5 and for an opening text given as 12); {@code unknown}
     * holds every other field the body names, which refuses it (helper 121: a misspelt "openingtext" opened a round
     * without its text).
     */
    record OpenRequest(JsonNode year, JsonNode openingText, JsonNode deadline,
            @JsonAnySetter Map<String, JsonNode> unknown) {
        static final List<String> FIELDS = List.of("year", "openingText", "deadline");
    }

    /** What POST /api/knowledge-gaps/groups/{id}/decision takes; any other field refuses it, as above. */
    record DecisionRequest(String decision, @JsonAnySetter Map<String, JsonNode> unknown) {
        static final List<String> FIELDS = List.of("decision");
    }

    private final KnowledgeGapService service;
    private final KnowledgeGapResult result;
    private final OutsideTextGuard guard;
    private final ZoneId zone;
    private final GapLists lists;

    KnowledgeGapAdminController(KnowledgeGapService service, KnowledgeGapResult result, OutsideTextGuard guard, ZoneId zone,
            GapLists lists) {
        this.service = service;
        this.result = result;
        this.guard = guard;
        this.zone = zone;
        this.lists = lists;
    }

    @GetMapping("/api/knowledge-gaps/rounds")
    List<KnowledgeGapResult.Summary> rounds() {
        return result.rounds();
    }

    @GetMapping("/api/knowledge-gaps/rounds/{id}")
    ResponseEntity<Object> round(@PathVariable String id) {
        return result.result(id).<ResponseEntity<Object>>map(ResponseEntity::ok).orElseGet(() -> noSuchRound(id));
    }

    /**
     * 404 that says which round it did not find (helper 121: an empty body without a content type, also on the staff
     * web's export); the name as written, cut short.
     */
    private static ResponseEntity<Object> noSuchRound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("reasons", List.of("Det finns ingen inventering som heter "
                + shown(id) + ".")));
    }

    @PostMapping("/api/knowledge-gaps/rounds")
    ResponseEntity<Object> open(@RequestBody OpenRequest request) {
        List<String> reasons = new java.util.ArrayList<>();
        unknownFields(request.unknown(), OpenRequest.FIELDS).ifPresent(reasons::add);
        JsonNode year = request.year();
        if (absent(year) || absent(request.deadline())) {
            reasons.add("Året (year, t.ex. 2027) och sista svarsdagen (deadline, ÅÅÅÅ-MM-DD) behövs.");
        }
        if (!absent(year) && !(year.isIntegralNumber() && year.canConvertToInt())) {
            reasons.add("Året (year) ska vara ett heltal utan citattecken, t.ex. 2027.");
        }
        LocalDate deadline = null;
        if (!absent(request.deadline())) {
            try {
                deadline = request.deadline().isString() ? LocalDate.parse(request.deadline().asString().strip()) : null;
            } catch (DateTimeParseException e) {
                deadline = null;
            }
            if (deadline == null) {
                reasons.add("Sista svarsdagen (deadline) ska vara ett riktigt datum skrivet ÅÅÅÅ-MM-DD, t.ex. \"2027-03-10\".");
            }
        }
        if (!absent(request.openingText()) && !request.openingText().isString()) {
            reasons.add("Öppningstexten (openingText) ska vara text inom citattecken.");
        }
        if (!reasons.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("reasons", reasons));
        }
        String openingText = absent(request.openingText()) ? null : request.openingText().asString();
        KnowledgeGapService.Opened opened = service.open(year.asInt(), guard.check(openingText), deadline,
                new Recipient(KnowledgeGapService.API_ACTOR, "admin"), Language.SV);
        if (opened instanceof KnowledgeGapService.Refused refused) {
            return ResponseEntity.badRequest().body(Map.of("reasons", refused.reasons()));
        }
        KnowledgeGapService.OpenedRound round = (KnowledgeGapService.OpenedRound) opened;
        // the same opening again (a retried call): the round the first made, 200 instead of 201, nobody invited anew
        return ResponseEntity.status(round.again() ? HttpStatus.OK : HttpStatus.CREATED).body(result.summary(round.round()));
    }

    @PostMapping("/api/knowledge-gaps/rounds/{id}/close")
    ResponseEntity<Object> close(@PathVariable String id) {
        if (service.close(id, new Recipient(KnowledgeGapService.API_ACTOR, "admin")).isEmpty()) {
            return noSuchRound(id);
        }
        return round(id);
    }

    @PostMapping("/api/knowledge-gaps/groups/{id}/decision")
    ResponseEntity<Object> decide(@PathVariable String id, @RequestBody DecisionRequest request) {
        List<String> reasons = new java.util.ArrayList<>();
        unknownFields(request.unknown(), DecisionRequest.FIELDS).ifPresent(reasons::add);
        var decision = GapGroup.Decision.of(request.decision() == null ? "" : request.decision().strip());
        if (decision.isEmpty()) {
            reasons.add("Beslutet ska vara ett av: prioriteras, senare, pagar-redan, inte-for-fou.");
        }
        if (!reasons.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("reasons", reasons));
        }
        var decided = service.decide(id, decision.get(), KnowledgeGapService.API_ACTOR);
        if (decided.isPresent()) {
            return ResponseEntity.ok(decided.get());
        }
        if (service.decisionLocked(id)) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("reasons", List.of(
                    "Utfallet är redan skickat till förvaltningarna, så beslutet kan inte ändras.")));
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("reasons", List.of("Det finns ingen grupp som heter " + id + ".")));
    }

    /** Jackson's words for a field named twice (strict duplicate detection, application.yaml). */
    private static final java.util.regex.Pattern TWICE = java.util.regex.Pattern.compile("(?i)duplicate[^\"]*\"([^\"]{1,40})\"");

    /** What every refusal of a body that is not what the call takes begins with. */
    private static final String NO_SUCH_BODY = "Innehållet ska vara ett JSON-objekt, till exempel "
            + "{\"year\": 2027, \"openingText\": \"…\", \"deadline\": \"2027-03-31\"} eller {\"decision\": \"prioriteras\"}.";

    /** The longest field name a refusal repeats; a longer one is cut. */
    private static final int NAME_SHOWN = 40;

    /**
     * A body that names a field the call does not take is refused, not read without it (helper 121: "openingtext" with a
     * lower-case t opened a round and invited every district without the opening text), in the words of the refusals
     * below, with the field meant when only the case differs.
     */
    static java.util.Optional<String> unknownFields(Map<String, JsonNode> unknown, List<String> fields) {
        if (unknown == null || unknown.isEmpty()) {
            return java.util.Optional.empty();
        }
        // in the order of the alphabet, as a JSON object's fields have none (helper 127: "Fälten b och a"), an empty name
        // written as one
        List<String> names = unknown.keySet().stream().sorted().map(n -> n.isEmpty() ? "\"\"" : shown(n)).toList();
        String named = names.size() == 1 ? "Fältet " + names.get(0)
                : "Fälten " + String.join(", ", names.subList(0, names.size() - 1)) + " och " + names.get(names.size() - 1);
        String meant = unknown.size() == 1 ? fields.stream().filter(f -> f.equalsIgnoreCase(unknown.keySet().iterator().next()))
                .findFirst().map(f -> " – menar du " + f + "?").orElse(".") : ".";
        String taken = fields.size() == 1 ? " Det enda fältet är " + fields.get(0) + "."
                : " Fälten är " + String.join(", ", fields.subList(0, fields.size() - 1)) + " och " + fields.get(fields.size() - 1) + ".";
        // the object itself was right, so the reason starts with the field (helper 127: it began "Innehållet ska vara ett
        // JSON-objekt …", which did not apply)
        return java.util.Optional.of(named + " finns inte" + meant + taken);
    }

    private static String shown(String name) {
        return name.length() <= NAME_SHOWN ? name : name.substring(0, Character.isHighSurrogate(name.charAt(NAME_SHOWN - 1))
                ? NAME_SHOWN - 1 : NAME_SHOWN) + "…";
    }

    /**
     * A body that is no JSON object of the right fields gets its reason in the API's words, as every other refusal
     * here (helper 101: Spring's own answer was a bare 400 that named nothing).
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        String where = "";
        if (e.getMostSpecificCause() instanceof JacksonException json) {
            java.util.regex.Matcher twice = TWICE.matcher(String.valueOf(json.getOriginalMessage()));
            String field = json.getPath().stream().map(JacksonException.Reference::getPropertyName)
                    .filter(java.util.Objects::nonNull).reduce((a, b) -> a + "." + b).orElse(null);
            if (twice.find()) {
                where = " Fältet " + twice.group(1) + " står två gånger.";
            } else if (field != null) {
                where = " Fältet " + field + " har fel slags värde.";
            } else if (json.getLocation() != null && json.getLocation().getLineNr() > 0) {
                where = " Felet finns på rad " + json.getLocation().getLineNr() + ", tecken " + json.getLocation().getColumnNr() + ".";
            }
        }
        return ResponseEntity.badRequest().body(Map.of("reasons", List.of(NO_SUCH_BODY + where)));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> notJson(HttpMediaTypeNotSupportedException e) {
        return notJson();
    }

    /**
     * A Content-Type with a wildcard ("*&#47;*", "application/*") is no type a body can have; Spring refuses it with an
     * IllegalArgumentException, which was a 500 and a stack trace (helper 104). Any other such exception is no client's.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> wildcardType(IllegalArgumentException e, jakarta.servlet.http.HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.contains("*")) {
            return notJson();
        }
        throw e;
    }

    private static ResponseEntity<Object> notJson() {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("reasons", List.of(
                "Skicka innehållet som JSON, med Content-Type: application/json.")));
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** One row per entry, with its group, the group's size and districts, and the decision. */
    @GetMapping({"/api/exports/knowledge-gaps.csv", "/dashboard/exports/knowledge-gaps.csv"})
    ResponseEntity<?> export(@RequestParam(required = false) String round) {
        if (round == null || round.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("reasons", List.of("Ange vilken inventering, till exempel "
                    + "?round=kl-2027.")));
        }
        var r = result.result(round);
        if (r.isEmpty()) {
            return noSuchRound(round);
        }
        Csv csv = new Csv("round", "entry", "district", "theme", "own_theme", "theme_by_rules", "perspective", "help", "level",
                "urgency", "source", "group", "group_size", "group_districts", "decision", "created_at", "text");
        Map<String, KnowledgeGapResult.GroupView> groupOf = new java.util.HashMap<>();
        r.get().groups().forEach(g -> g.entries().forEach(e -> groupOf.put(e.id(), g)));
        for (GapEntry e : service.entries(round)) {
            KnowledgeGapResult.GroupView g = groupOf.get(e.id());
            csv.row(round, e.id(), e.district() == null ? "" : lists.label(GapLists.DISTRICTS, e.district()),
                    lists.label(GapLists.THEMES, e.theme()), e.ownTheme(), Boolean.toString(e.themeSorted()),
                    e.perspective(), e.help(), e.level(), e.urgency(), e.source().name().toLowerCase(), g == null ? "" : g.id(),
                    g == null ? "" : Integer.toString(g.entries().size()), g == null ? "" : Integer.toString(g.districts().size()),
                    g == null || g.decision() == null ? "" : g.decision(), Csv.time(e.createdAt(), zone), e.text());
        }
        return csv.response("kunskapsluckor-" + round + ".csv");
    }
}
