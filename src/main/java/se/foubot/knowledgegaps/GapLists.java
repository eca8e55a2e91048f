package se.foubot.knowledgegaps;

import java.util.List;
import java.util.Optional;

import se.foubot.conversation.ChoiceMatcher;
import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.Language;
import se.foubot.conversation.OptionList;
import se.foubot.tasks.CategorySorter;

/**
 * The inventory's choices as data (themes, perspectives, kinds of help, levels, urgency, districts; the lists in
 * {@code conversation-flows/lists/}) and the theme rules: the flow, the mail answers, the result and the export all
 * read them here.
 */
public final class GapLists {

    static final String THEMES = "knowledge-gap-themes";
    static final String PERSPECTIVES = "knowledge-gap-perspectives";
    static final String HELP = "knowledge-gap-help";
    static final String LEVELS = "knowledge-gap-levels";
    static final String URGENCY = "knowledge-gap-urgency";
    static final String DISTRICTS = "districts";
    static final String OTHER_THEME = "ovrigt";

    // the flows' outcomes need the inventory, and the catalog needs the outcomes: the catalog is asked for when used
    private final java.util.function.Supplier<FlowCatalog> catalog;
    private final CategorySorter themeRules;

    GapLists(java.util.function.Supplier<FlowCatalog> catalog, CategorySorter themeRules) {
        this.catalog = catalog;
        this.themeRules = themeRules;
    }

    public List<ChoiceOption> options(String list) {
        return catalog.get().list(list).map(OptionList::options).orElse(List.of());
    }

    /** The option's label in {@code language}; the id itself when the list has no such option (null: "–"). */
    public String label(String list, String id, Language language) {
        if (id == null) {
            return "–";
        }
        return options(list).stream().filter(o -> o.id().equals(id)).findFirst().map(o -> o.label().in(language)).orElse(id);
    }

    public String label(String list, String id) {
        return label(list, id, Language.SV);
    }

    /** An option read from free text ("Klient", "utvärdering", "hela staden"); empty when none or several fit. */
    public Optional<String> read(String list, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return ChoiceMatcher.match(options(list), text.strip()) instanceof ChoiceMatcher.Picked p ? Optional.of(p.option().id())
                : Optional.empty();
    }

    /** The theme the rules give {@code text}; "ovrigt" when they are unsure. */
    public String sortTheme(String text) {
        CategorySorter.Sorting sorting = themeRules.sort(text == null ? "" : text);
        return sorting.needsTriage() ? OTHER_THEME : sorting.category();
    }
}
