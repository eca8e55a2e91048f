package se.foubot.tasks;

import java.util.Optional;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ChoiceGuesser;
import se.foubot.conversation.Language;

/** "Typ av stöd" answered in free words ("enkät", "survey"): the category sorter reads them, as it reads a request. */
@Component
class CategoryGuess implements ChoiceGuesser {

    private final CategorySorter sorter;

    CategoryGuess(CategorySorter sorter) {
        this.sorter = sorter;
    }

    @Override
    public String list() {
        return "categories";
    }

    @Override
    public Optional<String> guess(String text, Language language) {
        // "survey" in a Swedish conversation is read in English when Swedish finds nothing in it
        CategorySorter.Sorting sorting = sorter.sortPreferring(text, language);
        return sorting.needsTriage() ? Optional.empty() : Optional.of(sorting.category());
    }
}
