package se.foubot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The image recipe and the Kubernetes manifests agree with the application: the probes ask the paths Spring Boot's
 * liveness and readiness groups answer on the application's port, the image the manifest names is the one the
 * Dockerfile builds (Java 17 unless the build names another, non-root, started from the archive the build's training
 * run writes).
 * The image itself cannot be built here (no Docker); StartBenchmark runs the same training script.
 */
class DeploymentRecipeTest {

    @Test
    void theProbesAskThePathsOfSpringBootsHealthGroups() throws IOException {
        Map<String, Object> app = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yaml")));
        Map<String, Object> groups = map(map(map(map(app, "management"), "endpoint"), "health"), "group");
        List<String> served = new ArrayList<>();
        for (String group : List.of("liveness", "readiness")) {
            served.add(((String) map(groups, group).get("additional-path")).replace("server:", ""));
        }
        assertThat(served).containsExactly("/livez", "/readyz");

        Map<String, Object> container = botContainer();
        assertThat(path(container, "livenessProbe")).isEqualTo("/livez");
        assertThat(path(container, "readinessProbe")).isEqualTo("/readyz");
        assertThat(path(container, "startupProbe")).isIn(served);
        assertThat(map(map(container, "readinessProbe"), "httpGet").get("port")).as("the application's port, where the kubelet reaches it")
                .isEqualTo("http");
    }

    @Test
    void theImageRunsOnJava17UnlessTheBuildNamesAnotherAsANonRootUserFromTheArchiveItsBuildMade() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        List<String> stages = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results().map(m -> m.group(1)).toList();
        assertThat(stages).hasSizeGreaterThanOrEqualTo(2);
        assertThat(dockerfile).as("Java 17 unless the build names another").containsPattern("(?m)^ARG JAVA_VERSION=17$");
        assertThat(stages.get(stages.size() - 1)).as("the runtime stage").isEqualTo("eclipse-temurin:${JAVA_VERSION}-jre");
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        Matcher archive = Pattern.compile("cds-archive\\.sh \\S+ (\\S+)").matcher(runtime);
        assertThat(archive.find()).as("the runtime stage makes the archive with the training script").isTrue();
        String appDir = archive.group(1);
        assertThat(runtime).as("the entry point starts from the archive the script names, whichever JVM made it")
                .contains("\"@" + appDir + "/archive.args\"").contains(appDir + "/fou-bot.jar");
        // the training run: to a ready answer (the jar's start-training), the jar named by its absolute path so that the
        // archive serves a start from any directory (Java 17 looks a relative class-path entry up from the start's);
        // a class-data archive before Java 25, an AOT cache from it, and the argument file naming the one made
        String training = Files.readString(Path.of("ops/start/cds-archive.sh"));
        assertThat(training).contains("dir=$(cd -- \"$dir\" && pwd)").contains("\"-XX:ArchiveClassesAtExit=$dir/fou-bot.jsa\"")
                .contains("\"-XX:AOTCacheOutput=$dir/fou-bot.aot\"").contains("-ge 25")
                .contains("use=\"-XX:SharedArchiveFile=$archive\"").contains("use=\"-XX:AOTCache=$archive\"")
                .contains("> \"$dir/archive.args\"").contains("-jar \"$dir/fou-bot.jar\"").contains("start-training");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(runtime);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat((String) botContainer().get("image")).as("the manifest names the image the Dockerfile's comment builds")
                .isIn(Pattern.compile("docker build (?:--build-arg \\S+ )?-t (\\S+)").matcher(dockerfile).results().map(m -> m.group(1))
                        .toList());
    }

    /**
     * The collector and heap the figures in the README were measured with are the ones the bot runs with: the image's
     * entry point, the systemd unit, the class-data training run and the benchmarks' JVM name the same ones, and the
     * manifest sets none of its own that would override them.
     */
    @Test
    void theImageTheUnitAndTheBenchmarksRunTheSameCollectorAndHeap() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String entryPoint = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        String unit = Files.readString(Path.of("ops/systemd/fou-bot.service")).lines().filter(l -> l.startsWith("ExecStart="))
                .findFirst().orElseThrow();
        String benchArgLine = Pattern.compile("<argLine>(-Xmx[^<]*)</argLine>").matcher(Files.readString(Path.of("pom.xml"))).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();
        for (String flags : List.of(entryPoint, unit, benchArgLine)) {
            assertThat(flags).contains("-XX:+UseG1GC").contains("-Xmx512m").contains("-XX:ThreadPriorityPolicy=1");
        }
        assertThat(Files.readString(Path.of("ops/start/cds-archive.sh"))).contains("-XX:+UseG1GC -Xmx512m \"$@\" -jar");
        Map<String, Object> container = botContainer();
        assertThat(container).as("the image's entry point decides the JVM's flags").doesNotContainKeys("command", "args");
        assertThat(String.valueOf(container.get("env"))).doesNotContain("JAVA_TOOL_OPTIONS").doesNotContain("JDK_JAVA_OPTIONS");
    }

    /**
     * The pod runs as the user the image makes and gives the embedded store's directory to, so that the bot can write
     * {@code /data} there too (a pod under another number could not).
     */
    @Test
    void thePodRunsAsTheUserTheImageGivesTheDataDirectoryTo() throws IOException {
        String runtime = Files.readString(Path.of("Dockerfile"));
        runtime = runtime.substring(runtime.lastIndexOf("\nFROM "));
        Matcher uid = Pattern.compile("useradd [^&]*--uid (\\d+)[^&]* fou\\b").matcher(runtime);
        assertThat(uid.find()).as("the image makes its user with a fixed number").isTrue();
        assertThat(runtime).contains("chown fou:fou /data").containsPattern("(?m)^USER fou$");
        assertThat(map(podSpec(), "securityContext").get("runAsUser")).isEqualTo(Integer.parseInt(uid.group(1)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> botContainer() throws IOException {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) podSpec().get("containers");
        return containers.stream().filter(c -> "fou-bot".equals(c.get("name"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec() throws IOException {
        for (Object doc : new Yaml().loadAll(Files.readString(Path.of("ops/kubernetes/fou-bot.yaml")))) {
            Map<String, Object> d = (Map<String, Object>) doc;
            if ("Deployment".equals(d.get("kind"))) {
                return map(map(map(d, "spec"), "template"), "spec");
            }
        }
        throw new AssertionError("no Deployment in ops/kubernetes/fou-bot.yaml");
    }

    private static String path(Map<String, Object> container, String probe) {
        return (String) map(map(container, probe), "httpGet").get("path");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertThat(child).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) child;
    }
}
