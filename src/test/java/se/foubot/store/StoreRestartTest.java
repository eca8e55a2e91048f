package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.FouBotApplication;
import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.tasks.SupportTask;
import se.foubot.privacy.OutsideTextGuard;

/** The embedded store keeps everything across a restart of the bot: conversations resume where they were. */
class StoreRestartTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return FouBotApplication.commandLineApplication().run("--foubot.store.data-dir=" + dataDir);
    }

    @Test
    void aConversationResumesAtTheSameStepAfterARestart() {
        ConversationKey anna = new ConversationKey("terminal", "anna");
        ConversationKey per = new ConversationKey("terminal", "per");
        try (ConfigurableApplicationContext first = start()) {
            ConversationEngine engine = first.getBean(ConversationEngine.class);
            engine.handle(anna, GUARD.check("stöd"));
            engine.handle(anna, GUARD.check("bromma"));
            assertThat(engine.handle(anna, GUARD.check("chef")).text()).contains("Beskriv kort");
            for (String answer : new String[] {"stöd", "farsta", "controller", "Stöd med en utvärderingsplan.", "nej",
                    "utvärdering", "hoppa över", "per@stockholm.se"}) {
                engine.handle(per, GUARD.check(answer));
            }
            assertThat(engine.handle(per, GUARD.check("ja")).text()).contains("FOU-");
        }
        try (ConfigurableApplicationContext second = start()) {
            ConversationEngine engine = second.getBean(ConversationEngine.class);
            assertThat(engine.resume(anna).text()).contains("Välkommen tillbaka").contains("Beskriv kort");
            assertThat(engine.handle(anna, GUARD.check("Vi behöver en uppföljningsmall.")).text()).contains("Hör förfrågan till");
            assertThat(second.getBean(MongoTemplate.class).findAll(SupportTask.class))
                    .singleElement().satisfies(t -> assertThat(t.requester().person()).isEqualTo("per"));
        }
    }

    @Test
    void aSecondBotOnTheSameDataDirectoryIsToldWhyItCannotStart() {
        try (ConfigurableApplicationContext first = start()) {
            assertThatThrownBy(this::start).hasStackTraceContaining("is in use by another process");
        }
    }
}
