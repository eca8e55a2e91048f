package se.foubot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Every setting the bot reads is documented in ops/configuration.md and its environment variable in the README. */
class ConfigurationReferenceTest {

    private static final Path DEFAULTS = Path.of("src/main/resources/application.yaml");

    @Test
    void everyFoubotSettingIsInTheConfigurationReference() throws IOException {
        String reference = Files.readString(Path.of("ops/configuration.md"));
        List<String> missing = new ArrayList<>();
        for (String key : foubotKeys()) {
            if (!reference.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        assertThat(missing).as("settings in application.yaml missing from ops/configuration.md").isEmpty();
    }

    @Test
    void everyEnvironmentVariableIsInTheReferenceAndTheReadme() throws IOException {
        String reference = Files.readString(Path.of("ops/configuration.md"));
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)[:}]").matcher(Files.readString(DEFAULTS));
        List<String> variables = new ArrayList<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        assertThat(variables).isNotEmpty();
        assertThat(variables).allSatisfy(v -> {
            assertThat(reference).as("ops/configuration.md").contains("`" + v + "`");
            assertThat(readme).as("README.md").contains("`" + v + "`");
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> foubotKeys() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(DEFAULTS));
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("foubot", (Map<String, Object>) yaml.get("foubot"), flat);
        return List.copyOf(flat.keySet());
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                flatten(prefix + "." + k, (Map<String, Object>) nested, out);
            } else {
                out.put(prefix + "." + k, v);
            }
        });
    }
}
