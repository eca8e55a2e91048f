package se.foubot.knowledgegaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import se.foubot.conversation.Language;
import se.foubot.language.SimilarTexts;
import se.foubot.language.TextAnalysis;

/**
 * Proposes groups of entries that say the same thing: two entries from different districts whose texts (and own
 * themes) are at least {@code similarity} alike — the cosine of their analysed words, weighted by rarity, over the
 * bot's Swedish analysis (stems, compound parts, synonyms) — are in one group, and so, transitively, is whatever is
 * alike to either. Entries of one district are never grouped only with each other: a district saying two things
 * said two things. The analysts confirm or split what this proposes.
 */
final class GapGrouping {

    private final TextAnalysis analysis;
    private final double similarity;

    GapGrouping(TextAnalysis analysis, double similarity) {
        this.analysis = analysis;
        this.similarity = similarity;
    }

    /** The groups, each in the entries' order, in the order of their first entry. */
    List<List<GapEntry>> group(List<GapEntry> entries) {
        Map<String, GapEntry> byId = new LinkedHashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        Map<String, String> parent = new LinkedHashMap<>();
        entries.forEach(e -> parent.put(e.id(), e.id()));
        similarities(entries).forEach((id, others) -> others.forEach((otherId, alike) -> {
            GapEntry e = byId.get(id);
            GapEntry other = byId.get(otherId);
            if (alike >= similarity && !otherId.equals(id) && differentDistricts(e, other)) {
                union(parent, id, otherId);
            }
        }));
        Map<String, List<GapEntry>> groups = new LinkedHashMap<>();
        for (GapEntry e : entries) {
            groups.computeIfAbsent(find(parent, e.id()), k -> new ArrayList<>()).add(e);
        }
        return List.copyOf(groups.values());
    }

    /**
     * How alike each entry is to each other entry that shares a word with it (id → id → cosine), the words weighted
     * by how rare they are among {@code entries}: what {@link #group} compares with its threshold, and what the
     * threshold is evaluated on.
     */
    Map<String, Map<String, Double>> similarities(List<GapEntry> entries) {
        SimilarTexts<String> texts = SimilarTexts.of(analysis, Language.SV,
                entries.stream().map(e -> Map.entry(e.id(), words(e))).toList());
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (GapEntry e : entries) {
            Map<String, Double> alike = new LinkedHashMap<>();
            for (SimilarTexts.Match<String> m : texts.nearest(words(e), entries.size())) {
                alike.put(m.key(), m.similarity());
            }
            out.put(e.id(), alike);
        }
        return out;
    }

    private static String words(GapEntry e) {
        return (e.ownTheme() == null ? "" : e.ownTheme() + ". ") + (e.text() == null ? "" : e.text());
    }

    private static boolean differentDistricts(GapEntry a, GapEntry b) {
        return a.district() == null || b.district() == null || !a.district().equals(b.district());
    }

    private static String find(Map<String, String> parent, String id) {
        String root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the earlier entry's root stays the root, so a group keeps the order of its first entry
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
