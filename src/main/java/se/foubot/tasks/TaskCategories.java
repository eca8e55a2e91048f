package se.foubot.tasks;

import java.util.Optional;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.OptionList;

/** The task categories, kept as data with the flows ({@code conversation-flows/lists/categories.yaml}). */
@Component
public class TaskCategories {

    private final FlowCatalog catalog;

    TaskCategories(FlowCatalog catalog) {
        this.catalog = catalog;
    }

    public OptionList list() {
        return catalog.list("categories").orElseThrow();
    }

    /** @return empty for an id that is not a category */
    public Optional<ChoiceOption> byId(String id) {
        return list().options().stream().filter(o -> o.id().equals(id)).findFirst();
    }
}
