package se.foubot.channels.slack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/** Present only when Slack is on, that is when SLACK_BOT_TOKEN is set. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnExpression("!'${foubot.slack.bot-token:}'.isBlank()")
public @interface ConditionalOnSlack {
}
