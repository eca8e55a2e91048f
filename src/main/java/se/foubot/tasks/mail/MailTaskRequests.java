package se.foubot.tasks.mail;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.channels.email.MailRequests;
import se.foubot.conversation.Language;
import se.foubot.tasks.CategorySorter;
import se.foubot.tasks.NewTaskLimitReached;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskTexts;

/** The support tasks as the mail channel reaches them: requests by mail become tasks, mail about a task its history. */
@Component
class MailTaskRequests implements MailRequests {

    private static final String CHANNEL = "email";

    private final TaskService tasks;
    private final CategorySorter sorter;
    private final TaskTexts texts;

    MailTaskRequests(TaskService tasks, CategorySorter sorter, TaskTexts texts) {
        this.tasks = tasks;
        this.sorter = sorter;
        this.texts = texts;
    }

    @Override
    public String categoryOf(String text) {
        CategorySorter.Sorting sorting = sorter.sort(text);
        return sorting.needsTriage() ? null : sorting.category();
    }

    @Override
    public boolean taskExists(String reference) {
        return tasks.find(reference).isPresent();
    }

    @Override
    public Sender senderOf(String reference, String from) {
        SupportTask task = tasks.find(reference).orElse(null);
        if (task == null) {
            return null;
        }
        if (task.anonymised()) {
            return Sender.ANONYMISED;
        }
        if (CHANNEL.equals(task.requester().channel()) && task.requester().person().equalsIgnoreCase(from)) {
            return Sender.REQUESTER;
        }
        Map<String, String> address = task.requester().address() == null ? Map.of() : task.requester().address();
        return List.of(address.getOrDefault("copied", "").split(",")).contains(from) ? Sender.COPIED : Sender.THIRD_PARTY;
    }

    @Override
    public Language languageOf(String reference) {
        return tasks.find(reference).map(t -> t.request().spokenLanguage()).orElse(Language.SV);
    }

    @Override
    public Language languageOfSender(String from) {
        return tasks.byRequester(CHANNEL, from).stream().findFirst().map(t -> t.request().spokenLanguage()).orElse(Language.SV);
    }

    @Override
    public void attach(String reference, Sender sender, String from, String mailKey, String text) {
        switch (sender) {
            case REQUESTER -> tasks.mailFromRequester(reference, from, mailKey, text);
            case COPIED -> tasks.mailFromCopied(reference, from, mailKey, text);
            case THIRD_PARTY -> tasks.mailFromThirdParty(reference, from, mailKey, text);
            case ANONYMISED -> throw new IllegalArgumentException("an anonymised task keeps no mail: " + reference);
        }
    }

    @Override
    public Created create(String sourceKey, String from, Map<String, String> address, String district, String concern,
            String category, LocalDate neededBy, List<String> attachments, Language language) {
        try {
            SupportTask task = tasks.create(sourceKey, new Requester(CHANNEL, from, address), new SupportRequest(district, null,
                    concern, null, category != null ? category : "vet-inte", neededBy, from, language.code()), attachments);
            return new Created(task.reference(), null);
        } catch (NewTaskLimitReached limit) {
            return new Created(null, new Refused(limit.limit(), texts.limitReached(limit, language)));
        }
    }
}
