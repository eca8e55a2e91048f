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
    private final java.time.ZoneId zone;

    KnowledgeGapsPage(KnowledgeGapResult result, GapTexts texts, java.time.ZoneId zone) {
        this.result = result;
        this.texts = texts;
        this.zone = zone;
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
        // the round people are answering now is what staff come to see; else the newest (summaries are newest first)
        String id = round != null ? round : rounds.stream().filter(r -> "open".equals(r.status())).findFirst()
                .or(() -> rounds.stream().findFirst()).map(KnowledgeGapResult.Summary::id).orElse(null);
        Optional<KnowledgeGapResult.Result> shown = id == null ? Optional.empty() : result.result(id);
        model.addAttribute("result", shown.orElse(null));
        model.addAttribute("deadline", shown.map(r -> GapTexts.date(r.round().deadline(), Language.SV)).orElse(""));
        // "1 kunskapslucka från 1 av 14 förvaltningar, 1 grupp, varav 0 beslutade" (helper 121: "1 kunskapsluckor", "1 grupper")
        model.addAttribute("figures", shown.map(r -> texts.get(Language.SV, "knowledgegaps.web.figures",
                "entries", texts.count(Language.SV, "knowledgegaps.count.entries", r.round().entries()),
                "answered", se.foubot.messaging.Texts.count(r.round().districtsAnswered(), Language.SV),
                "districts", texts.count(Language.SV, "knowledgegaps.count.districts", r.round().districtsInvited()),
                "groups", texts.count(Language.SV, "knowledgegaps.count.groups", r.round().groups()),
                "decided", texts.count(Language.SV, "knowledgegaps.count.decided", r.round().decided()))).orElse(""));
        // closed before its deadline: the page says when, not only the deadline it never reached
        model.addAttribute("closedEarly", shown.map(KnowledgeGapResult.Result::round)
                .filter(r -> r.closedAt() != null && r.closedAt().isBefore(r.closesAt()))
                .map(r -> se.foubot.conversation.Dates.dateTime(r.closedAt().atZone(zone), Language.SV)).orElse(null));
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
