package se.foubot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of the design (the README's "Architecture" section and issue 16), checked on the compiled code: features own their
 * domain and how they look on each channel; channels are transports that know the features only through what
 * they register; the domain knows no SDK; and every package has its tests beside it.
 */
class ArchitectureTest {

    /** The features: each owns its domain, commands and flows, and its screens in {@code <feature>.slack/.mail}. */
    private static final String[] FEATURES = { "se.foubot.tasks..", "se.foubot.forum..", "se.foubot.grants..",
            "se.foubot.knowledge.." };

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("se.foubot");
    }

    @Test
    void theTopLevelPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("se.foubot.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void channelsKnowNoFeature() {
        noClasses().that().resideInAPackage("se.foubot.channels..").should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("a channel hands a channel-neutral message to the router and renders what comes back; "
                        + "features register their commands, screens and notices with it")
                .check(main);
    }

    @Test
    void aFeaturesDomainKnowsNeitherSlackNorJakartaMail() {
        noClasses().that().resideInAnyPackage("se.foubot.tasks", "se.foubot.forum", "se.foubot.grants", "se.foubot.knowledge",
                "se.foubot.conversation", "se.foubot.messaging").should().dependOnClassesThat()
                .resideInAnyPackage("com.slack..", "jakarta.mail..")
                .because("adapters translate at the edge: a feature's Slack and mail screens live in <feature>.slack and <feature>.mail")
                .check(main);
    }

    @Test
    void everyMainPackageHasATestPackage() throws IOException {
        Path mainRoot = Path.of("src/main/java");
        Path testRoot = Path.of("src/test/java");
        List<Path> untested;
        try (Stream<Path> dirs = Files.walk(mainRoot.resolve("se/foubot"))) {
            untested = dirs.filter(Files::isDirectory).filter(ArchitectureTest::holdsJava)
                    .filter(dir -> !holdsJava(testRoot.resolve(mainRoot.relativize(dir)))).map(mainRoot::relativize).toList();
        }
        assertThat(untested).as("main packages without tests beside them in src/test/java").isEmpty();
    }

    /**
     * Each feature's collections are read and written by that feature only: another package asks it (a service, a
     * port such as {@code DistrictTies} or {@code AuditLog}). A source scan, because a collection is named by a string
     * constant that the compiler copies into the class that uses it.
     */
    @Test
    void noPackageNamesAnotherFeaturesCollection() throws IOException {
        Path root = Path.of("src/main/java/se/foubot");
        Pattern declared = Pattern.compile("@Document\\(\"([a-z_]+)\"\\)|COLLECTION = \"([a-z_]+)\"");
        List<String> violations = new ArrayList<>();
        for (String feature : List.of("tasks", "forum", "grants", "knowledge", "knowledgegaps")) {
            Path home = root.resolve(feature);
            Set<String> collections = new TreeSet<>();
            Set<String> owners = new TreeSet<>();
            for (Path file : javaFiles(home)) {
                Matcher m = declared.matcher(Files.readString(file));
                while (m.find()) {
                    collections.add(m.group(1) != null ? m.group(1) : m.group(2));
                    owners.add(file.getFileName().toString().replace(".java", ""));
                }
            }
            for (Path file : javaFiles(root)) {
                if (file.startsWith(home)) {
                    continue;
                }
                String source = Files.readString(file);
                collections.stream().filter(c -> source.contains("\"" + c + "\"")).forEach(c -> violations.add(root.relativize(file) + " names " + c));
                owners.stream().filter(o -> Pattern.compile("\\b" + o + "\\.COLLECTION\\b").matcher(source).find())
                        .forEach(o -> violations.add(root.relativize(file) + " uses " + o + ".COLLECTION"));
            }
        }
        assertThat(violations).as("collections named outside the feature that owns them").isEmpty();
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    private static boolean holdsJava(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
