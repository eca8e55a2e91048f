package se.foubot.knowledgegaps.web;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.foubot.conversation.Language;
import se.foubot.knowledgegaps.GapTexts;
import se.foubot.knowledgegaps.KnowledgeGapResult;
import se.foubot.web.WebPage;

/** The inventory's result on the staff web: a round's counts per theme and district, and its groups with their decisions. */
@Controller
class KnowledgeGapsPage implements WebPage {

    private final KnowledgeGapResult result;
    private final GapTexts texts;

    KnowledgeGapsPage(KnowledgeGapResult result, GapTexts texts) {
        this.result = result;
        this.texts = texts;
    }

    @Override
    public String path() {
        return "/dashboard/knowledge-gaps";
    }

    @Override
    public String title() {
        return "Kunskapsluckor";
    }

    @Override
    public int order() {
        return 40;
    }

    @GetMapping("/dashboard/knowledge-gaps")
    String page(@RequestParam(required = false) String round, Model model) {
        List<KnowledgeGapResult.Summary> rounds = result.rounds();
        model.addAttribute("rounds", rounds);
        String id = round != null ? round : rounds.stream().findFirst().map(KnowledgeGapResult.Summary::id).orElse(null);
        Optional<KnowledgeGapResult.Result> shown = id == null ? Optional.empty() : result.result(id);
        model.addAttribute("result", shown.orElse(null));
        model.addAttribute("deadline", shown.map(r -> GapTexts.date(r.round().deadline(), Language.SV)).orElse(""));
        model.addAttribute("districtNames", shown.map(r -> r.districts().stream().map(d -> texts.district(d, Language.SV)).toList())
                .orElse(List.of()));
        java.util.Map<String, String> decisions = new java.util.LinkedHashMap<>();
        for (se.foubot.knowledgegaps.GapGroup.Decision d : se.foubot.knowledgegaps.GapGroup.Decision.values()) {
            decisions.put(d.id(), texts.get(Language.SV, "knowledgegaps.decision.short." + d.id()));
        }
        model.addAttribute("decisions", decisions);
        return "web/knowledge-gaps";
    }
}
