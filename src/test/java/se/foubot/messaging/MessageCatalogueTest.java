package se.foubot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import se.foubot.conversation.FlowSource;
import se.foubot.conversation.Language;
import se.foubot.grants.GrantCalendar;
import se.foubot.knowledge.KnowledgeBase;
import se.foubot.knowledge.Topic;
import se.foubot.language.TextAnalysis;
import se.foubot.support.MutableClock;
import se.foubot.conversation.Dates;

/**
 * Every message of every bundle ({@code i18n/*}) and every answer of the knowledge base, rendered in Swedish and
 * English with sample values into one file to read, {@code target/message-catalogue.md}. Fails on an ISO date, a
 * place left unfilled, and English in brackets in a Swedish text.
 */
class MessageCatalogueTest {

    static final Path CATALOGUE = Path.of("target", "message-catalogue.md");
    private static final ZonedDateTime SAMPLE_TIME = ZonedDateTime.of(2027, 3, 10, 13, 0, 0, 0, ZoneId.of("Europe/Stockholm"));
    private static final Pattern PLACE = Pattern.compile("\\{([A-Za-z0-9_.:-]*)\\}");
    /** A date written 2027-03-10; a meeting's id ("forum-2027-03-10") is a word to type, not a date to read. */
    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\w-])\\d{4}-\\d{2}-\\d{2}\\b");
    private static final Pattern BRACKETED_ENGLISH = Pattern.compile(
            "\\((?i:[^()]*\\b(?:the|you|your|please|is|are|was|not|cannot|must|has|have|at most|done|no such)\\b[^()]*)\\)");

    /** A realistic value for each place the bundles use, in each language. */
    private static Map<String, String> samples(Language l) {
        boolean en = l == Language.EN;
        return Map.ofEntries(
                Map.entry("title", en ? "FoU-forum March" : "FoU-forum mars"),
                Map.entry("reference", "FOU-2027-0042"),
                Map.entry("programmes", en ? "LUM and MUL" : "LUM och MUL"),
                Map.entry("name", "Eva Lind"),
                Map.entry("last", "4"),
                Map.entry("id", "forum-2027-03-10"),
                Map.entry("email", "anna.andersson@stockholm.se"),
                Map.entry("time", Dates.time(SAMPLE_TIME, l)),
                Map.entry("date", Dates.date(SAMPLE_TIME.toLocalDate(), l)),
                Map.entry("when", Dates.dateTime(SAMPLE_TIME, l)),
                Map.entry("status", en ? "In progress" : "Pågår"),
                Map.entry("category", en ? "Follow-up and evaluation" : "Uppföljning och utvärdering"),
                Map.entry("question", en ? "How many take part in the project?" : "Hur många deltar i projektet?"),
                Map.entry("position", "2"),
                Map.entry("limit", "10"),
                Map.entry("analyst", en ? "Eva Lind, FoU analyst" : "Eva Lind, FoU-utredare"),
                Map.entry("count", "4"),
                Map.entry("channel", "#fou-utredare"),
                Map.entry("deadline", Dates.date(LocalDate.of(2027, 3, 31), l)),
                Map.entry("decision", en ? "decided by the social committee in December" : "beslutas av socialnämnden i december"),
                Map.entry("districts", "Farsta, Bromma"),
                Map.entry("district", "Farsta"),
                Map.entry("stopped", "LUM"),
                Map.entry("left", "MUL"),
                Map.entry("dms", "3"),
                Map.entry("entries", "2"),
                Map.entry("entry-text", en ? "How do we follow up home visits?" : "Hur följer vi upp hembesök?"),
                Map.entry("entry", "KL-2027-007"),
                Map.entry("fields", en ? "theme, text" : "tema, text"),
                Map.entry("form", "https://fou.stockholm.se/kunskapsluckor"),
                Map.entry("from", "2026"),
                Map.entry("to", "2030"),
                Map.entry("groups", en ? "children and youth, adults" : "barn och unga, vuxna"),
                Map.entry("group", en ? "children and youth" : "barn och unga"),
                Map.entry("helps", en ? "training, method support" : "utbildning, metodstöd"),
                Map.entry("help", en ? "training" : "utbildning"),
                Map.entry("level", en ? "unit" : "enhet"),
                Map.entry("mails", "5"),
                Map.entry("answered", "3"),
                Map.entry("decided", en ? "1 of them decided" : "1 beslutad"),
                Map.entry("max", "2000"),
                Map.entry("n", "3"),
                Map.entry("opening", en ? "Which knowledge do you lack?" : "Vilken kunskap saknar ni?"),
                Map.entry("perspective", en ? "staff" : "medarbetare"),
                Map.entry("round", "2027"),
                Map.entry("seats", "12"),
                Map.entry("place", en ? "Kärnan, room 3" : "Kärnan, sal 3"),
                Map.entry("task", "FOU-2027-0042"),
                Map.entry("kind", en ? "Question" : "Fråga"),
                Map.entry("text", en ? "We lack knowledge of follow-up." : "Vi saknar kunskap om uppföljning."),
                Map.entry("themes", en ? "follow-up, evaluation" : "uppföljning, utvärdering"),
                Map.entry("theme", en ? "follow-up" : "uppföljning"),
                Map.entry("urgencies", en ? "high, medium" : "hög, medel"),
                Map.entry("urgency", en ? "high" : "hög"),
                Map.entry("who", "Eva Lind"),
                Map.entry("year", "2027"),
                Map.entry("action", en ? "add your mail to FOU-2027-0042" : "lägga till ditt mejl i ärendet FOU-2027-0042"),
                Map.entry("done", en ? "added your mail to FOU-2027-0042" : "lagt till ditt mejl i ärendet FOU-2027-0042"),
                Map.entry("days", "7"),
                Map.entry("period", en ? "7 days" : "7 dagar"),
                Map.entry("subject", en ? "Help with a follow-up template" : "Hjälp med uppföljningsmall"),
                Map.entry("sent", Dates.dateTime(SAMPLE_TIME, l)),
                Map.entry("options", "Bromma, Farsta, Kungsholmen"),
                Map.entry("word", en ? "don't know" : "vet inte"),
                Map.entry("example", en ? "15 March" : "15 mars"),
                Map.entry("words", "forum ställ in"),
                Map.entry("what", en ? "the time and the place" : "tiden och platsen"),
                Map.entry("meetings", "• forum-2027-03-10 – ”FoU-forum: uppföljning”, onsdag 10 mars 2027 kl. 13.00–16.00"),
                Map.entry("event", en ? "Last day to apply for LUM and MUL" : "Sista dag att söka LUM och MUL"),
                Map.entry("max-project", en ? "SEK 500,000" : "500 000 kr"),
                Map.entry("max-trip", en ? "SEK 25,000" : "25 000 kr"),
                Map.entry("min-years", "1"),
                Map.entry("max-years", "3"),
                Map.entry("max-projects", "2"),
                Map.entry("max-trips", "2"),
                Map.entry("link", "https://meet.stockholm.se/fou"),
                Map.entry("free", "3"),
                Map.entry("length", en ? "1,240" : "1\u00a0240"),
                Map.entry("initiative", en ? "New follow-up of home care" : "Ny uppföljning av hemtjänsten"),
                Map.entry("files", "enkat.xlsx, plan.pdf"),
                Map.entry("amount", en ? "SEK 600,000" : "600 000 kr"),
                Map.entry("held", "2"),
                Map.entry("min", "1"),
                Map.entry("years", "4"),
                Map.entry("capacity", "40"),
                Map.entry("registered", "37"),
                Map.entry("waitlisted", "2"),
                Map.entry("agenda", en ? "1. Welcome 2. Good examples" : "1. Välkommen 2. Goda exempel"),
                Map.entry("meeting", en ? "FoU-forum March (forum-2027-03-10)\nWhen: Wednesday 10 March 2027 at 13:00–16:00\nWhere: Kärnan, room 3"
                        : "FoU-forum mars (forum-2027-03-10)\nNär: onsdag 10 mars 2027 kl. 13.00–16.00\nVar: Kärnan, sal 3"),
                Map.entry("closed", Dates.dateTime(SAMPLE_TIME, l)),
                Map.entry("told", Dates.dateTime(SAMPLE_TIME, l)),
                Map.entry("was", en ? "Prioritised" : "Prioriteras"),
                Map.entry("heading", en ? "Target group" : "Målgrupp"),
                Map.entry("headings", en ? "“Target group” and “Contact”" : "”Målgrupp” och ”Kontakt”"));
    }

    @Test
    void everyMessageRendersWithoutIsoDatesUnfilledPlacesOrBracketedEnglish() throws IOException {
        Texts texts = new Texts(new TextBundles().messageSource());
        StringBuilder out = new StringBuilder("# Every message the bot writes from its bundles and knowledge base\n\n"
                + "Rendered with sample values by MessageCatalogueTest. Read it as a person would.\n");
        List<String> problems = new ArrayList<>();
        for (Resource sv : new PathMatchingResourcePatternResolver().getResources(TextBundles.PATTERN)) {
            out.append("\n## ").append(sv.getFilename().replace("_sv.properties", "")).append("\n");
            for (String key : new TreeSet<>(load(sv).stringPropertyNames())) {
                out.append("\n### ").append(key).append("\n");
                for (Language l : Language.values()) {
                    String raw = texts.get(l, key);
                    List<Object> values = new ArrayList<>();
                    Matcher places = PLACE.matcher(raw);
                    while (places.find()) {
                        String sample = samples(l).get(places.group(1));
                        if (sample == null) {
                            problems.add(key + ": no sample value for {" + places.group(1) + "} – add one to this test");
                        }
                        values.add(places.group(1));
                        values.add(sample);
                    }
                    String shown = texts.get(l, key, values.toArray());
                    out.append("- ").append(l.code()).append(": ").append(shown.replace("\n", "\n  ")).append("\n");
                    check(key, l, shown, problems);
                }
            }
        }
        out.append("\n## The knowledge base's answers\n");
        FlowSource flows = FlowSource.fromDirectory(Path.of("conversation-flows"));
        KnowledgeBase knowledge = KnowledgeBase.load(flows, TextAnalysis.load(flows), GrantCalendar.load(flows),
                new MutableClock(java.time.Instant.parse("2026-11-23T09:00:00Z")), ZoneId.of("Europe/Stockholm"));
        for (Topic topic : knowledge.topics()) {
            out.append("\n### ").append(topic.id()).append(" – ").append(topic.title(Language.SV)).append("\n");
            for (Language l : Language.values()) {
                String shown = knowledge.answerOf(topic.id(), l).orElseThrow().text();
                out.append("- ").append(l.code()).append(": ").append(shown.replace("\n", "\n  ")).append("\n");
                check("knowledge/" + topic.id(), l, shown, problems);
            }
        }
        Files.createDirectories(CATALOGUE.getParent());
        Files.writeString(CATALOGUE, out, StandardCharsets.UTF_8);
        System.out.println("Message catalogue: " + CATALOGUE.toAbsolutePath());
        assertThat(problems).as("see " + CATALOGUE).isEmpty();
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        List<String> problems = new ArrayList<>();
        check("iso", Language.SV, "Mötet är 2027-03-10.", problems);
        check("place", Language.SV, "Hej {name}!", problems);
        check("bracketed", Language.SV, "Klart. (Your request is registered.)", problems);
        check("fine", Language.SV, "Onsdag 10 mars 2027 kl. 13.00 (Nu: Södermalm), skriv ”anmäl forum-2027-03-10”", problems);
        assertThat(problems).hasSize(3);
    }

    private static void check(String key, Language l, String shown, List<String> problems) {
        if (ISO_DATE.matcher(shown).find()) {
            problems.add(key + " (" + l.code() + "): an ISO date: " + shown);
        }
        if (PLACE.matcher(shown).find()) {
            problems.add(key + " (" + l.code() + "): a place left unfilled: " + shown);
        }
        if (l == Language.SV && BRACKETED_ENGLISH.matcher(shown).find()) {
            problems.add(key + " (sv): English in brackets: " + shown);
        }
    }

    private static Properties load(Resource resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource.getInputStream()) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
