package se.foubot.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import biweekly.Biweekly;
import biweekly.ICalendar;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationResult;

import se.foubot.messaging.Notice;
import se.foubot.messaging.Recipient;

/** Every invite the bot writes validates with iCal4j's validator (iTIP rules for its METHOD) and reads in biweekly. */
class InviteWriterTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Instant STAMP = Instant.parse("2026-11-24T09:00:00Z");

    static Meeting meeting(String videoLink, int sequence) {
        return new Meeting("forum-2027-03-10", "FoU-forum: uppföljning, \"goda exempel\"; frågor", Instant.parse("2027-03-10T12:00:00Z"),
                Instant.parse("2027-03-10T14:00:00Z"), "Rum Kärnan, plan 3", videoLink, 30, Instant.parse("2027-03-02T00:00:00Z"),
                "Vi pratar om uppföljning.\nTa med egna exempel!", "1. Inledning\n2. Goda exempel", false, 3, sequence,
                Recipient.slack("UCOORD"), STAMP, STAMP);
    }

    static List<Object[]> invites() {
        return List.of(new Object[] {InviteWriter.REQUEST, "https://meet.stockholm.se/fou-forum?id=42&pwd=a%20b", 0},
                new Object[] {InviteWriter.REQUEST, null, 2}, new Object[] {InviteWriter.CANCEL, "https://meet.stockholm.se/x", 3});
    }

    private static final InviteWriter WRITER = new InviteWriter(se.foubot.messaging.Texts.fromBundles());

    @Test
    void theDescriptionIsInTheAttendeesLanguage() throws Exception {
        String english = WRITER.write(meeting("https://meet.stockholm.se/fou", 0), 0, InviteWriter.REQUEST, "john@stockholm.se",
                "fou@stockholm.se", STOCKHOLM, STAMP, se.foubot.conversation.Language.EN).ics();
        String swedish = WRITER.write(meeting("https://meet.stockholm.se/fou", 0), 0, InviteWriter.REQUEST, "eva@stockholm.se",
                "fou@stockholm.se", STOCKHOLM, STAMP, null).ics();
        assertThat(Biweekly.parse(english).first().getEvents().get(0).getDescription().getValue())
                .contains("Link to join from afar: https://meet.stockholm.se/fou").doesNotContain("Länk");
        assertThat(Biweekly.parse(swedish).first().getEvents().get(0).getDescription().getValue())
                .contains("Länk för att delta på distans: https://meet.stockholm.se/fou");
    }

    @ParameterizedTest(name = "{0} link={1} sequence={2}")
    @MethodSource("invites")
    void theInviteValidatesInICal4jAndReadsInBiweeklyWithOneDtstamp(String method, String link, int sequence) throws Exception {
        Notice.Invite invite = WRITER.write(meeting(link, sequence), sequence, method, "anna.andersson@stockholm.se",
                "fou@stockholm.se", STOCKHOLM, STAMP, null);

        Calendar parsed = new CalendarBuilder().build(new StringReader(invite.ics()));
        ValidationResult result = parsed.validate();
        assertThat(result.getEntries()).as("iCal4j validation of the %s invite", method).isEmpty();

        ICalendar read = Biweekly.parse(invite.ics()).first();
        assertThat(read.getMethod().getValue()).isEqualTo(method);
        assertThat(read.getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getUid().getValue()).isEqualTo("forum-2027-03-10@fou-bot");
            assertThat(e.getSequence().getValue()).isEqualTo(sequence);
            assertThat(e.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2027-03-10T12:00:00Z"));
            assertThat(e.getAttendees()).singleElement().satisfies(a -> assertThat(a.getEmail())
                    .isEqualTo("anna.andersson@stockholm.se"));
        });
        String vevent = invite.ics().substring(invite.ics().indexOf("BEGIN:VEVENT"), invite.ics().indexOf("END:VEVENT"));
        assertThat(Pattern.compile("(?m)^DTSTAMP[:;]").matcher(vevent).results().count()).as("DTSTAMP in the VEVENT").isEqualTo(1);
    }

    @Test
    void aMeetingStoredWithABrokenLinkStillGetsAValidInviteWithoutIt() throws Exception {
        Notice.Invite invite = WRITER.write(meeting("https://meet.stockholm.se/{rum}", 0), 0, InviteWriter.REQUEST,
                "bo@stockholm.se", "fou@stockholm.se", STOCKHOLM, STAMP, null);
        assertThat(new CalendarBuilder().build(new StringReader(invite.ics())).validate().getEntries()).isEmpty();
        assertThat(invite.ics()).doesNotContain("{rum}");
    }

    @Test
    void everyLineIsFoldedAtSeventyFiveOctetsAndLongSwedishTextReadsBackWholeInBothLibraries() throws Exception {
        String description = "Välkommen till höstens FoU-forum på Södermalm! Vi går igenom årets uppföljningar, "
                + "äldreomsorgens och öppenvårdens erfarenheter, och ägnar eftermiddagen åt förbättringsarbete – "
                + "ta gärna med frågor om utvärdering, kunskapsluckor och lärosätessamverkan. 🙂 Åäö åäö åäö åäö åäö åäö.";
        Meeting m = new Meeting("forum-2027-03-10", "FoU-forum: ärenden, öppenvård och äldreomsorg – gemensamma erfarenheter och "
                + "fördjupning", Instant.parse("2027-03-10T12:00:00Z"), Instant.parse("2027-03-10T14:00:00Z"),
                "Förvaltningshuset på Götgatan 72, våning 5, sal Ängsö–Björkö", null, 30, Instant.parse("2027-03-02T00:00:00Z"),
                description, null, false, 3, 0, Recipient.slack("UCOORD"), STAMP, STAMP);
        Notice.Invite invite = WRITER.write(m, 0, InviteWriter.REQUEST, "åsa.öberg@stockholm.se", "fou@stockholm.se",
                STOCKHOLM, STAMP, null);

        assertThat(invite.ics()).doesNotContainPattern("[^\\r]\\n");
        for (String line : invite.ics().split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(invite.ics().split("\r\n")).as("the description really was folded").anyMatch(l -> l.startsWith(" "));
        Calendar parsed = new CalendarBuilder().build(new StringReader(invite.ics()));
        assertThat(parsed.validate().getEntries()).isEmpty();
        net.fortuna.ical4j.model.component.VEvent event = parsed.getComponent(net.fortuna.ical4j.model.Component.VEVENT)
                .map(net.fortuna.ical4j.model.component.VEvent.class::cast).orElseThrow();
        assertThat(event.getDescription().orElseThrow().getValue()).isEqualTo(description);
        ICalendar read = Biweekly.parse(invite.ics()).first();
        assertThat(read.getEvents().get(0).getDescription().getValue()).isEqualTo(description);
        assertThat(read.getEvents().get(0).getSummary().getValue()).isEqualTo(m.title());
        assertThat(read.getEvents().get(0).getLocation().getValue()).isEqualTo(m.place());
    }

    @Test
    void onlyAbsoluteHttpsLinksWithAHostAreLinks() {
        assertThat(MeetingPlan.isHttpsLink("https://meet.stockholm.se/fou?x=1")).isTrue();
        assertThat(MeetingPlan.isHttpsLink("HTTPS://teams.microsoft.com/l/meetup-join/19%3ameeting")).isTrue();
        assertThat(List.of("https://meet.stockholm.se/{rum}", "http://meet.stockholm.se", "https:///path", "meet.stockholm.se",
                "javascript:alert(1)", "https://a b.se", "")).noneMatch(MeetingPlan::isHttpsLink);
    }
}
