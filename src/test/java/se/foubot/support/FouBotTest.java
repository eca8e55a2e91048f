package se.foubot.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole bot on the real embedded store (its own data directory per test context) with a movable
 * clock and without a web server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "foubot.store.data-dir=target/test-data/${random.uuid}")
@Import(TestClockConfiguration.class)
public @interface FouBotTest {
}
