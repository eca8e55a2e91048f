package se.foubot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import se.foubot.conversation.Language;

/** Every text in both languages, each key once, and the same {name} places in both. */
class TextBundlesTest {

    private static final Pattern PLACE = Pattern.compile("\\{([a-z]+)\\}");

    @Test
    void everyBundleHasEveryKeyInSwedishAndEnglishWithTheSamePlaces() throws IOException {
        Resource[] swedish = new PathMatchingResourcePatternResolver().getResources(TextBundles.PATTERN);
        assertThat(swedish).extracting(Resource::getFilename).contains("forum_sv.properties", "grants_sv.properties",
                "tasks_sv.properties", "messaging_sv.properties", "slack_sv.properties", "mail_sv.properties");
        for (Resource sv : swedish) {
            Properties svTexts = load(sv);
            Properties enTexts = load(sv.createRelative(sv.getFilename().replace("_sv.", "_en.")));
            assertThat(enTexts.stringPropertyNames()).as(sv.getFilename()).isEqualTo(svTexts.stringPropertyNames());
            for (String key : svTexts.stringPropertyNames()) {
                assertThat(svTexts.getProperty(key)).as(key).isNotBlank();
                assertThat(places(enTexts.getProperty(key))).as(key).isEqualTo(places(svTexts.getProperty(key)));
            }
        }
    }

    @Test
    void noKeyIsWrittenInTwoBundles() throws IOException {
        Map<String, String> owner = new HashMap<>();
        for (Resource sv : new PathMatchingResourcePatternResolver().getResources(TextBundles.PATTERN)) {
            for (String key : load(sv).stringPropertyNames()) {
                assertThat(owner.put(key, sv.getFilename())).as(key + " in " + sv.getFilename()).isNull();
            }
        }
    }

    @Test
    void swedishTextsCarryNoBracketedEnglishCopy() throws IOException {
        for (Resource sv : new PathMatchingResourcePatternResolver().getResources(TextBundles.PATTERN)) {
            Properties texts = load(sv);
            for (String key : texts.stringPropertyNames()) {
                assertThat(texts.getProperty(key)).as(key).doesNotContainPattern("\\((You|Your|The|Done|No|I |Please)[^)]*\\)");
            }
        }
    }

    @Test
    void textsFillTheirPlacesByName() {
        Texts texts = new Texts(new TextBundles().messageSource());
        assertThat(texts.get(Language.SV, "forum.registered", "title", "FoU-forum mars")).isEqualTo("Du är anmäld till FoU-forum mars.");
        assertThat(texts.get(Language.EN, "forum.registered", "title", "FoU-forum March")).isEqualTo("You are registered for FoU-forum March.");
    }

    private static Properties load(Resource resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource.getInputStream()) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static List<String> places(String text) {
        Matcher m = PLACE.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.stream().sorted().toList();
    }
}
