package se.foubot.privacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Privacy is structural: every text that comes from outside (a Slack message, command or form field, a mail's body,
 * subject, display name, file names and headers, a line typed in the terminal, a CSV posted to the admin API) passes
 * {@link OutsideTextGuard} where it is read, before anything can store, show or log it. A new field read from Slack's
 * or Jakarta Mail's types fails this test until it goes through the guard.
 */
class OutsideTextArchitectureTest {

    private static JavaClasses main;

    /** Owners whose text-returning methods hand out what someone outside wrote. */
    private static final List<String> OUTSIDE_PACKAGES = List.of("com.slack.api.model.", "com.slack.api.app_backend.",
            "jakarta.mail.");

    /**
     * Accessors of those types that return identifiers or protocol words the bot itself or Slack chose, not text a
     * person wrote: ids, timestamps, types, the bot's own button values, option ids and metadata types, MIME structure.
     */
    private static final Set<String> IDENTIFIERS = Set.of("getId", "getUser", "getUserId", "getChannel", "getChannelId",
            "getChannelType", "getTeam", "getTeamId", "getEnterpriseId", "getTs", "getThreadTs", "getEventTs", "getMessageTs",
            "getEventId", "getTriggerId", "getType", "getSubtype", "getTab", "getBotId", "getAppId", "getApiAppId",
            "getCallbackId", "getPrivateMetadata", "getActionId", "getBlockId", "getResponseUrl", "getError", "getWarning",
            "getNeeded", "getProvided", "getHash", "getViewId", "getExternalId", "getRootViewId", "getPreviousViewId",
            "getCommand", "getToken", "getResponseMetadata", "getNextCursor", "getContentType", "getDisposition",
            "getEncoding", "getContentID", "getContentMD5", "getProtocol", "getHost", "getFullName", "getUrlName",
            "getDescription", "getBaseType", "getPrimaryType", "getSubType", "getParameter", "toString",
            // the event type of message metadata: the bot's own ("foubot_answer"), compared, never kept
            "getEventType");

    /** Values that come back from the bot's own buttons and menus (Slack sends back what the bot put there). */
    private static final Set<String> BOT_VALUES = Set.of(
            "com.slack.api.app_backend.interactive_components.payload.BlockActionPayload$Action.getValue",
            "com.slack.api.model.view.ViewState$SelectedOption.getValue",
            "com.slack.api.model.block.composition.OptionObject.getValue",
            "com.slack.api.app_backend.interactive_components.payload.BlockActionPayload$Action$SelectedOption.getValue",
            "jakarta.mail.Header.getName");

    /** Methods of the bot's own that turn outside bytes into text. */
    private static final Set<String> OWN_DECODERS = Set.of("se.foubot.channels.email.MailTextDecoder.decode");

    /** Terminal input. */
    private static final Set<String> TERMINAL = Set.of("java.io.BufferedReader.readLine", "java.io.Console.readLine",
            "java.util.Scanner.nextLine", "java.util.Scanner.next");

    /** Reads that hand out no text, with the reason. */
    private static final Map<String, String> NOT_TEXT = Map.of(
            "se.foubot.channels.email.MailParser.walk->jakarta.mail.Part.getContent",
            "a multipart container: its parts are walked and each text part is read through the guard",
            "se.foubot.channels.email.OutboxSender.sendOver->jakarta.mail.MessagingException.getMessage",
            "why the SMTP server could not be reached: a connection error, no mail in it",
            "se.foubot.channels.email.MailboxWatcher.stop->jakarta.mail.MessagingException.getMessage",
            "why closing the IMAP connection failed: a connection error, no mail in it");

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("se.foubot");
    }

    @Test
    void everyReadOfOutsideTextPassesTheGuardWhereItIsRead() {
        codeUnits().should(readOutsideTextOnlyThroughTheGuard())
                .because("a text from outside must pass the privacy guard before it is stored, shown back or logged")
                .check(main);
    }

    @Test
    void textPostedToTheHttpApiPassesTheGuard() {
        codeUnits().that().areAnnotatedWith(org.springframework.web.bind.annotation.PostMapping.class)
                .should(new ArchCondition<JavaCodeUnit>("hand a posted text body to the guard") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        boolean textBody = unit.getParameters().stream().anyMatch(OutsideTextArchitectureTest::isTextBody);
                        if (textBody && unit.getMethodCallsFromSelf().stream().noneMatch(c -> isGuard(c.getTarget()))) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes a text body but never calls the guard"));
                        }
                    }
                }).allowEmptyShould(true).check(main);
    }

    @Test
    void onlyTheGuardMakesGuardedText() {
        constructors().that().areDeclaredIn(GuardedText.class).should().onlyBeCalled().byClassesThat()
                .belongToAnyOf(OutsideTextGuard.class).check(main);
    }

    @Test
    void onlyTheGuardUsesTheDetector() {
        noClasses().that().doNotBelongToAnyOf(OutsideTextGuard.class, PersonalIdentityNumberDetector.class)
                .should().dependOnClassesThat().belongToAnyOf(PersonalIdentityNumberDetector.class).check(main);
    }

    private static boolean isTextBody(JavaParameter p) {
        return p.getRawType().isEquivalentTo(String.class)
                && p.isAnnotatedWith(org.springframework.web.bind.annotation.RequestBody.class);
    }

    private static ArchCondition<JavaCodeUnit> readOutsideTextOnlyThroughTheGuard() {
        return new ArchCondition<>("read outside text only inside a call to the guard on the same line") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                for (JavaAccess<?> access : unit.getCallsFromSelf()) {
                    if (!isOutsideText(access.getTarget())) {
                        continue;
                    }
                    String name = unit.getFullName().replaceAll("\\(.*", "") + "->" + targetName(access.getTarget());
                    if (NOT_TEXT.containsKey(unit.getOwner().getName() + "." + unit.getName() + "->" + targetName(access.getTarget()))) {
                        continue;
                    }
                    if (!guardedAt(unit, access.getLineNumber(), new HashSet<>())) {
                        events.add(SimpleConditionEvent.violated(unit, name + " (line " + access.getLineNumber()
                                + ") reads outside text that does not pass OutsideTextGuard on that line"));
                    }
                }
            }
        };
    }

    /**
     * The read at {@code line} of {@code unit} is guarded when the guard is called on that line, or when {@code unit}
     * is a private helper whose every caller in its class calls it inside the guard.
     */
    private static boolean guardedAt(JavaCodeUnit unit, int line, Set<JavaCodeUnit> seen) {
        if (unit.getMethodCallsFromSelf().stream().anyMatch(c -> c.getLineNumber() == line && isGuard(c.getTarget()))) {
            return true;
        }
        if (!unit.getModifiers().contains(JavaModifier.PRIVATE) || !seen.add(unit)) {
            return false;
        }
        var callers = unit.getAccessesToSelf();
        return !callers.isEmpty() && callers.stream().allMatch(c -> guardedAt(c.getOrigin(), c.getLineNumber(), seen));
    }

    private static boolean isGuard(AccessTarget target) {
        return target.getOwner().isEquivalentTo(OutsideTextGuard.class);
    }

    private static String targetName(AccessTarget target) {
        return target.getOwner().getName() + "." + target.getName();
    }

    private static boolean isOutsideText(AccessTarget target) {
        String full = targetName(target);
        if (OWN_DECODERS.contains(full) || TERMINAL.contains(full)) {
            return true;
        }
        String owner = target.getOwner().getName();
        if (OUTSIDE_PACKAGES.stream().noneMatch(owner::startsWith) || BOT_VALUES.contains(full)
                || IDENTIFIERS.contains(target.getName())) {
            return false;
        }
        if (target.getName().equals("getContent")) {
            return true;
        }
        return target instanceof AccessTarget.MethodCallTarget m && m.getRawReturnType().isEquivalentTo(String.class);
    }
}
