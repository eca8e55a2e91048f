package se.foubot.channels.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import se.foubot.channels.Recipient;
import se.foubot.forum.ForumService;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * FoU-forum in Slack: {@code /fou forum} lists the coming meetings with Register / Register with an agenda item /
 * Cancel buttons; coordinators plan with {@code /fou forum ny} (a modal), {@code /fou forum ändra ID} and
 * {@code /fou forum ställ in ID}.
 */
@Component
@ConditionalOnSlack
class SlackForum {

    static final String REGISTER = "forum-register";
    static final String PROPOSE = "forum-propose";
    static final String UNREGISTER = "forum-unregister";
    static final String PLAN_CALLBACK = "forum-plan";
    static final String PROPOSAL_CALLBACK = "forum-proposal";
    static final List<String> PLAN_FIELDS = List.of("title", "date", "start", "end", "place", "video", "capacity", "deadline",
            "description", "agenda");

    private final ForumService forum;
    private final SlackApi api;
    private final StaffDirectory staff;
    private final SlackProperties properties;
    private final ZoneId zone;
    private final OutsideTextGuard guard;

    SlackForum(ForumService forum, SlackApi api, StaffDirectory staff, SlackProperties properties, ZoneId zone,
            OutsideTextGuard guard) {
        this.guard = guard;
        this.forum = forum;
        this.api = api;
        this.staff = staff;
        this.properties = properties;
        this.zone = zone;
    }

    Optional<Meeting> meeting(String id) {
        return forum.find(id).filter(m -> !m.cancelled());
    }

    boolean isCoordinator(String user) {
        return properties.forumCoordinators().isEmpty() ? staff.isStaff(user) : properties.forumCoordinators().contains(user);
    }

    /** {@code /fou forum …} that needs no modal; answered in the person's DM. */
    void command(String user, String args) {
        String a = args.strip();
        String lower = a.toLowerCase();
        if (lower.startsWith("ställ in") || lower.startsWith("stall in") || lower.startsWith("cancel")) {
            String id = a.replaceFirst("(?i)^(ställ in|stall in|cancel)\\s*", "").strip();
            if (!isCoordinator(user)) {
                api.post(user, null, NOT_COORDINATOR, null);
                return;
            }
            api.post(user, null, forum.cancel(id).map(m -> "*" + m.title() + "* (" + m.id() + ") är inställt; de anmälda får en avbokning. "
                    + "(Cancelled; registered people get a calendar cancellation.)")
                    .orElse("Inget planerat möte heter ”" + id + "”. (No planned meeting with that id.)"), null);
            return;
        }
        List<Meeting> upcoming = forum.upcoming();
        if (upcoming.isEmpty()) {
            api.post(user, null, "Inga FoU-forum är planerade just nu. (No FoU-forum meetings are planned right now.)", null);
            return;
        }
        api.post(user, null, "Kommande FoU-forum", blocks(user, upcoming));
    }

    List<LayoutBlock> blocks(String user, List<Meeting> meetings) {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (Meeting m : meetings) {
            Optional<Registration> mine = forum.registration(m.id(), Recipient.slack(user))
                    .filter(r -> r.status() != Registration.Status.CANCELLED);
            String status = mine.map(r -> r.status() == Registration.Status.REGISTERED ? "\n✅ _Du är anmäld._" : "\n⏳ _Du står på väntelistan._")
                    .orElse("");
            blocks.add(section(s -> s.text(markdownText("*" + SlackText.escape(m.title()) + "* · `" + m.id() + "`\n"
                    + SlackText.escape(describe(m)) + status))));
            if (mine.isPresent()) {
                blocks.add(actions(b -> b.elements(List.of(button(x -> x.actionId(UNREGISTER).value(m.id()).text(plainText("Avanmäl mig")))))));
            } else {
                blocks.add(actions(b -> b.elements(List.of(
                        button(x -> x.actionId(REGISTER).value(m.id()).style("primary").text(plainText("Anmäl mig"))),
                        button(x -> x.actionId(PROPOSE).value(m.id()).text(plainText("Anmäl mig med förslag till dagordningen")))))));
            }
            blocks.add(divider());
        }
        return blocks;
    }

    private String describe(Meeting m) {
        var start = m.start().atZone(zone);
        return start.toLocalDate() + " kl. " + start.toLocalTime() + "–" + m.end().atZone(zone).toLocalTime() + " · " + m.place()
                + " · " + (m.capacity() - m.seats()) + " av " + m.capacity() + " platser lediga"
                + (m.agenda() != null ? "\nDagordning: " + m.agenda() : "");
    }

    void register(String user, String meetingId, Registration.AgendaProposal proposal) {
        Optional<String> email;
        try {
            email = api.userEmail(user);
        } catch (SlackApi.SlackCallFailed e) {
            email = Optional.empty();
        }
        ForumService.RegisterResult result = forum.register(meetingId, Recipient.slack(user), email.orElse(null), null, proposal);
        String text;
        if (result instanceof ForumService.Seated s) {
            text = "Du är anmäld till *" + s.meeting().title() + "*. "
                    + (s.registration().email() != null ? "En kalenderinbjudan kommer till " + s.registration().email() + "."
                            : "Din Slack-profil har ingen e-postadress, så ingen kalenderinbjudan kan skickas.")
                    + " (You are registered.)";
        } else if (result instanceof ForumService.Waitlisted w) {
            text = "*" + w.meeting().title() + "* är fullt – du står som nummer " + w.position()
                    + " på väntelistan och får besked direkt om en plats blir ledig. (Full: you are number " + w.position() + " on the waitlist.)";
        } else if (result instanceof ForumService.AlreadyRegistered a) {
            text = "Du är redan " + (a.registration().status() == Registration.Status.REGISTERED ? "anmäld till" : "på väntelistan till")
                    + " *" + a.meeting().title() + "* – inget mer behövs. (You are already registered.)";
        } else if (result instanceof ForumService.RegistrationClosed c) {
            text = "Anmälan till *" + c.meeting().title() + "* har stängt. (Registration has closed.)";
        } else {
            text = "Det mötet finns inte längre. (That meeting no longer exists.)";
        }
        api.post(user, null, text, null);
    }

    void unregister(String user, String meetingId) {
        api.post(user, null, forum.unregister(meetingId, Recipient.slack(user))
                .map(u -> "Din anmälan till *" + u.meeting().title() + "* är avbokad. (Your registration is cancelled.)")
                .orElse("Du var inte anmäld till det mötet. (You were not registered.)"), null);
    }

    /** The agenda-proposal modal, opened from the button (trigger ids last 3 s: opened before the ack). */
    void openProposal(String triggerId, String meetingId) {
        api.openModal(triggerId, View.builder().type("modal").callbackId(PROPOSAL_CALLBACK).privateMetadata(meetingId)
                .title(ViewTitle.builder().type("plain_text").text("Anmälan till FoU-forum").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Anmäl mig").build())
                .close(ViewClose.builder().type("plain_text").text("Avbryt").build())
                .blocks(List.of(
                        input(i -> i.blockId("kind").label(plainText("Vad vill du ta upp?")).element(staticSelect(s -> s.actionId("kind")
                                .options(List.of(option(plainText("Ett gott exempel att dela"), "example"),
                                        option(plainText("En fråga"), "question"),
                                        option(plainText("En kunskapslucka"), "gap")))))),
                        input(i -> i.blockId("text").label(plainText("Kort beskrivning")).element(plainTextInput(p -> p.actionId("text")
                                .multiline(true).maxLength(1000))))))
                .build());
    }

    /** @return the proposal from the form; empty when its text holds a personal identity number (refused, not kept) */
    Optional<Registration.AgendaProposal> proposal(ViewState state) {
        var values = state.getValues();
        GuardedText text = guard.check(values.get("text").get("text").getValue());
        if (text.identityNumberRemoved()) {
            return Optional.empty();
        }
        String kind = values.get("kind").get("kind").getSelectedOption().getValue();
        return Optional.of(new Registration.AgendaProposal(kind, text.textOr("").strip()));
    }

    /** The planning modal, empty for a new meeting or filled in to edit {@code meeting}. */
    void openPlan(String user, String triggerId, Meeting meeting) {
        if (!isCoordinator(user)) {
            api.post(user, null, NOT_COORDINATOR, null);
            return;
        }
        Map<String, String> current = new LinkedHashMap<>();
        if (meeting != null) {
            var start = meeting.start().atZone(zone);
            current.put("title", meeting.title());
            current.put("date", start.toLocalDate().toString());
            current.put("start", start.toLocalTime().toString());
            current.put("end", meeting.end().atZone(zone).toLocalTime().toString());
            current.put("place", meeting.place());
            current.put("video", meeting.videoLink());
            current.put("capacity", Integer.toString(meeting.capacity()));
            current.put("deadline", meeting.registrationDeadline().minusSeconds(1).atZone(zone).toLocalDate().toString());
            current.put("description", meeting.description());
            current.put("agenda", meeting.agenda());
        }
        Map<String, String> labels = Map.of("title", "Titel", "date", "Datum (ÅÅÅÅ-MM-DD)", "start", "Start (TT:MM)", "end", "Slut (TT:MM)",
                "place", "Plats (lokal)", "video", "Länk för distansdeltagande", "capacity", "Antal platser", "deadline",
                "Sista anmälningsdag (ÅÅÅÅ-MM-DD)", "description", "Beskrivning", "agenda", "Dagordning");
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String field : PLAN_FIELDS) {
            boolean optional = field.equals("video") || field.equals("description") || field.equals("agenda");
            boolean multiline = field.equals("description") || field.equals("agenda");
            String initial = current.get(field);
            blocks.add(input(i -> i.blockId(field).optional(optional).label(plainText(labels.get(field)))
                    .element(plainTextInput(p -> p.actionId(field).multiline(multiline).initialValue(initial)))));
        }
        api.openModal(triggerId, View.builder().type("modal").callbackId(PLAN_CALLBACK)
                .privateMetadata(meeting == null ? "" : meeting.id())
                .title(ViewTitle.builder().type("plain_text").text(meeting == null ? "Nytt FoU-forum" : "Ändra FoU-forum").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Spara").build())
                .close(ViewClose.builder().type("plain_text").text("Avbryt").build()).blocks(blocks).build());
    }

    /**
     * Saves a submitted plan. @return the errors to show in the modal by block id (empty when saved); answered
     * while Slack waits, so the coordinator sees the reason next to the form.
     */
    Map<String, String> submitPlan(String user, String editing, ViewState state) {
        if (!isCoordinator(user)) {
            return Map.of("title", NOT_COORDINATOR);
        }
        Map<String, GuardedText> guarded = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : PLAN_FIELDS) {
            var block = state.getValues() == null ? null : state.getValues().get(field);
            GuardedText value = guard.check(block == null || block.get(field) == null ? null : block.get(field).getValue());
            if (value.identityNumberRemoved()) {
                errors.put(field, IDENTITY_NUMBER_REFUSED);
            }
            guarded.put(field, guard.check(value.textOr("").strip()));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        PlanInput input = readPlan(guarded);
        if (!input.errors().isEmpty()) {
            return input.errors();
        }
        ForumService.PlanResult result = editing == null || editing.isBlank() ? forum.create(input.plan(), Recipient.slack(user))
                : forum.edit(editing, input.plan());
        if (result instanceof ForumService.Refused refused) {
            return Map.of("date", String.join(" ", refused.reasons()));
        }
        Meeting saved = ((ForumService.Saved) result).meeting();
        api.post(user, null, (editing == null || editing.isBlank() ? "FoU-forum planerat: " : "FoU-forum ändrat (de anmälda får en uppdaterad inbjudan): ")
                + "*" + saved.title() + "* · `" + saved.id() + "`\n" + describe(saved), null);
        return Map.of();
    }

    /** The planning form read, with an error per field it refused (then {@code plan} is null). */
    record PlanInput(MeetingPlan plan, Map<String, String> errors) {
    }

    /**
     * Reads the planning form's fields (every one of {@link #PLAN_FIELDS}, as the guard left them, stripped) and checks
     * each where it was entered, so that the coordinator sees the reason beside the field; what depends on other
     * meetings is checked by the forum.
     */
    static PlanInput readPlan(Map<String, GuardedText> form) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String field : PLAN_FIELDS) {
            v.put(field, form.get(field).textOr("").strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = date(v.get("date"), "date", errors);
        LocalDate deadline = date(v.get("deadline"), "deadline", errors);
        LocalTime start = time(v.get("start"), "start", errors);
        LocalTime end = time(v.get("end"), "end", errors);
        Integer capacity = null;
        try {
            capacity = Integer.parseInt(v.get("capacity"));
            if (capacity < 1 || capacity > MeetingPlan.MAX_CAPACITY) {
                errors.put("capacity", "Skriv ett antal mellan 1 och " + MeetingPlan.MAX_CAPACITY + ". (A number from 1 to "
                        + MeetingPlan.MAX_CAPACITY + ".)");
            }
        } catch (NumberFormatException e) {
            errors.put("capacity", "Skriv ett heltal, t.ex. 40. (A whole number.)");
        }
        for (String field : List.of("title", "place")) {
            if (v.get(field).isEmpty()) {
                errors.put(field, "Fyll i det här fältet. (Required.)");
            } else if (v.get(field).length() > MeetingPlan.MAX_LINE) {
                errors.put(field, "Högst " + MeetingPlan.MAX_LINE + " tecken. (At most " + MeetingPlan.MAX_LINE + " characters.)");
            }
        }
        if (!v.get("video").isEmpty() && !MeetingPlan.isHttpsLink(v.get("video"))) {
            errors.put("video", "Skriv en giltig https-adress, t.ex. https://meet.stockholm.se/fou-forum. "
                    + "(A valid https link.)");
        }
        for (String field : List.of("description", "agenda")) {
            if (v.get(field).length() > 3000) {
                errors.put(field, "Högst 3000 tecken. (At most 3000 characters.)");
            }
        }
        if (!errors.isEmpty()) {
            return new PlanInput(null, errors);
        }
        return new PlanInput(new MeetingPlan(form.get("title"), date, start, end, form.get("place"), form.get("video"), capacity,
                deadline, form.get("description"), form.get("agenda")), Map.of());
    }

    private static LocalDate date(String s, String field, Map<String, String> errors) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.put(field, "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-03-10. (Write the date as YYYY-MM-DD.)");
            return null;
        }
    }

    private static LocalTime time(String s, String field, Map<String, String> errors) {
        try {
            return LocalTime.parse(s.length() == 4 ? "0" + s : s.replace('.', ':'));
        } catch (DateTimeParseException e) {
            errors.put(field, "Skriv tiden som TT:MM, t.ex. 13:00. (Write the time as HH:MM.)");
            return null;
        }
    }

    /** Shown next to a form field that holds a personal identity number; the form is not saved. */
    static final String IDENTITY_NUMBER_REFUSED = "Fältet ser ut att innehålla ett personnummer eller samordningsnummer. "
            + "Uppgifter om enskilda klienter får inte lämnas här – ta bort numret och skicka igen.";

    static final String NOT_COORDINATOR = "Bara FoU:s samordnare kan planera och ändra FoU-forum. (Only the FoU coordinators can plan meetings.)";
}
