package se.foubot.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the flow files come from: a directory, or the copies packaged in the jar. Beside the flows: option
 * lists ({@code lists/}), rules ({@code rules/}), the text analysis of each language ({@code language/}) and
 * the knowledge base, one file per topic ({@code knowledge/}).
 */
public record FlowSource(String description, List<NamedText> flows, List<NamedText> lists, List<NamedText> rules,
        List<NamedText> language, List<NamedText> knowledge) {

    public record NamedText(String name, String content) {
    }

    /** A rules file ({@code rules/NAME}) of the same source as the flows. */
    public java.util.Optional<NamedText> rule(String fileName) {
        return rules.stream().filter(r -> r.name().endsWith("/" + fileName)).findFirst();
    }

    /** A language file ({@code language/NAME}) of the same source as the flows. */
    public java.util.Optional<NamedText> languageFile(String fileName) {
        return language.stream().filter(r -> r.name().endsWith("/" + fileName)).findFirst();
    }

    static final String PACKAGED = "conversation-flows";

    /** {@code configured} if set, else ./conversation-flows when it exists, else the packaged flows. */
    public static FlowSource locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir)) {
                throw new FlowValidationException(List.of(new FlowProblem(configured, 1,
                        "FOUBOT_FLOWS_DIR is not a directory")));
            }
            return fromDirectory(dir);
        }
        Path local = Path.of(PACKAGED);
        return Files.isDirectory(local) ? fromDirectory(local) : fromClasspath();
    }

    public static FlowSource fromDirectory(Path dir) {
        return new FlowSource(dir.toAbsolutePath().normalize().toString(), yamlFiles(dir), yamlFiles(dir.resolve("lists")),
                yamlFiles(dir.resolve("rules")), yamlFiles(dir.resolve("language")), yamlFiles(dir.resolve("knowledge")));
    }

    private static List<NamedText> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<NamedText> out = new ArrayList<>();
            for (Path p : files.filter(FlowSource::isYaml).sorted().toList()) {
                out.add(new NamedText(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read flows from " + dir, e);
        }
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public static FlowSource fromClasspath() {
        return new FlowSource("classpath:" + PACKAGED, classpathFiles(PACKAGED + "/*.yaml"),
                classpathFiles(PACKAGED + "/lists/*.yaml"), classpathFiles(PACKAGED + "/rules/*.yaml"),
                classpathFiles(PACKAGED + "/language/*.yaml"), classpathFiles(PACKAGED + "/knowledge/*.yaml"));
    }

    private static List<NamedText> classpathFiles(String pattern) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + pattern);
            List<NamedText> out = new ArrayList<>();
            for (Resource r : Arrays.stream(resources).sorted(Comparator.comparing(Resource::getFilename)).toList()) {
                try (InputStream in = r.getInputStream()) {
                    String folder = pattern.substring(0, pattern.lastIndexOf('/') + 1);
                    out.add(new NamedText("classpath:" + folder + r.getFilename(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged flows", e);
        }
    }
}
