package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.yaml.snakeyaml.Yaml;

import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Replays the scripted dialogs in {@code conversation-flows/tests/*.yaml} as a chat channel does: through the
 * router (the command table, the knowledge base), the real engine, flows and embedded store. Each file is one test; see the README for the format.
 */
@FouBotTest
class TranscriptTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    private static final Path TRANSCRIPTS = Path.of("conversation-flows", "tests");

    @Autowired
    se.foubot.messaging.MessageRouter router;

    @Autowired
    MutableClock clock;

    @Autowired
    MongoTemplate mongo;

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TRANSCRIPTS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("transcripts in " + TRANSCRIPTS).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(), () -> replay(f)));
    }

    @SuppressWarnings("unchecked")
    private void replay(Path file) throws IOException {
        Map<String, Object> script;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            script = new Yaml(new org.yaml.snakeyaml.constructor.Constructor(new org.yaml.snakeyaml.LoaderOptions()),
                    new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                    new org.yaml.snakeyaml.DumperOptions(), new AllStrings()).load(in);
        }
        String stem = file.getFileName().toString().replace(".yaml", "");
        ConversationKey key = new ConversationKey("test", "transcript-" + stem);
        clock.set(script.containsKey("now") ? OffsetDateTime.parse(script.get("now").toString()).toInstant()
                : TestClockConfiguration.START);
        StringBuilder log = new StringBuilder("Transcript " + file + "\n");
        int turnNo = 0;
        for (Map<String, Object> turn : (List<Map<String, Object>>) script.get("turns")) {
            turnNo++;
            String reply = null;
            if (turn.containsKey("wait")) {
                clock.advance(Duration.parse(turn.get("wait").toString()));
                log.append("  (").append(turn.get("wait")).append(" later)\n");
            }
            if (turn.containsKey("say")) {
                String say = turn.get("say").toString();
                if (turn.containsKey("repeat")) {
                    say = say.repeat(Integer.parseInt(turn.get("repeat").toString()));
                }
                reply = router.route(key, new se.foubot.messaging.Recipient(key.channel(), key.person()), GUARD.check(say),
                        Map.of()).text();
                log.append("  person: ").append(abbreviate(say)).append("\n  bot:    ").append(reply.replace("\n", "\n          ")).append('\n');
            } else if (Boolean.TRUE.equals(turn.get("resume"))) {
                reply = router.resume(key).text();
                log.append("  (person comes back)\n  bot:    ").append(reply.replace("\n", "\n          ")).append('\n');
            }
            String where = "turn " + turnNo + " of " + file.getFileName() + "\n" + log;
            if (reply != null) {
                String lower = reply.toLowerCase(Locale.ROOT);
                for (String expected : strings(turn.get("expect"))) {
                    if (!lower.contains(expected.toLowerCase(Locale.ROOT))) {
                        fail("bot reply lacks “" + expected + "” at " + where);
                    }
                }
                for (String unexpected : strings(turn.get("expect-not"))) {
                    if (lower.contains(unexpected.toLowerCase(Locale.ROOT))) {
                        fail("bot reply has “" + unexpected + "” at " + where);
                    }
                }
                for (String regex : strings(turn.get("expect-match"))) {
                    if (!Pattern.compile(regex).matcher(reply).find()) {
                        fail("bot reply does not match /" + regex + "/ at " + where);
                    }
                }
            }
            if (turn.containsKey("stored")) {
                Document request = mongo.findOne(Query.query(Criteria.where("requester.person").is(key.person()))
                        .with(org.springframework.data.domain.Sort.by("createdAt").descending()), Document.class,
                        "support_tasks");
                if (request == null) {
                    fail("no support request stored for " + key.person() + " at " + where);
                }
                ((Map<String, Object>) turn.get("stored")).forEach((field, value) -> assertThat(
                        shown(request.getEmbedded(List.of(field.split("\\.")), Object.class)))
                        .as(field + " at " + where).isEqualTo(String.valueOf(value)));
            }
            for (String secret : strings(turn.get("nothing-stored-contains"))) {
                for (String collection : mongo.getCollectionNames()) {
                    for (Document d : mongo.findAll(Document.class, collection)) {
                        if (d.toJson().contains(secret)) {
                            fail("“" + secret + "” is stored in " + collection + " at " + where);
                        }
                    }
                }
            }
        }
    }

    /** Transcripts are text: "no", "2027-03-15" and "1" stay strings, as the person typed them. */
    private static final class AllStrings extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        protected void addImplicitResolvers() {
        }
    }

    /** Stored dates (LocalDate is stored as midnight UTC) are compared as ISO dates. */
    private static String shown(Object stored) {
        return stored instanceof java.util.Date d ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()
                : String.valueOf(stored);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? ((List<Object>) l).stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "…(" + s.length() + " chars)" : s;
    }
}
