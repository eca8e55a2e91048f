package se.foubot.channels.email;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * An HTML mail part as the lines a reader sees: every block (a paragraph, a {@code <div>}, a table row, a list
 * item, a {@code <br>}) starts a line of its own, as Gmail and Outlook on the web lay out "<b>Förvaltning:</b>
 * Östermalm" next to the following line with no line break in the source. A {@code <blockquote>} is written
 * with "&gt; " before each of its lines, so the quoted history is dropped as in a plain-text reply.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "center", "dd", "div", "dl",
            "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
            "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul");
    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "title", "template");
    private static final Set<String> CELLS = Set.of("td", "th");
    private static final Pattern WHITESPACE = Pattern.compile("[\\t\\n\\r\\f ]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private HtmlText() {
    }

    static String of(String html) {
        Lines lines = new Lines();
        NodeTraversor.traverse(lines, Jsoup.parse(html == null ? "" : html));
        return lines.text();
    }

    private static final class Lines implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private int quoted;
        private int skipped;
        private int preformatted;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (skipped == 0) {
                    write(preformatted > 0 ? text.getWholeText() : WHITESPACE.matcher(text.getWholeText()).replaceAll(" "));
                }
                return;
            }
            if (!(node instanceof Element element)) {
                return;
            }
            String tag = element.normalName();
            if (SKIPPED.contains(tag)) {
                skipped++;
            } else if (tag.equals("br")) {
                endLine(true);
            } else if (BLOCKS.contains(tag)) {
                endLine(false);
            } else if (CELLS.contains(tag) && !line.isEmpty() && line.charAt(line.length() - 1) != ' ') {
                line.append(' ');
            }
            if (tag.equals("blockquote")) {
                quoted++;
            } else if (tag.equals("pre")) {
                preformatted++;
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            String tag = element.normalName();
            if (SKIPPED.contains(tag)) {
                skipped--;
            } else if (BLOCKS.contains(tag)) {
                endLine(false);
            }
            if (tag.equals("blockquote")) {
                quoted--;
            } else if (tag.equals("pre")) {
                preformatted--;
            }
        }

        private void write(String text) {
            int from = 0;
            int newline;
            while ((newline = text.indexOf('\n', from)) >= 0) {
                append(text.substring(from, newline));
                endLine(true);
                from = newline + 1;
            }
            append(text.substring(from));
        }

        private void append(String text) {
            String t = line.isEmpty() ? text.stripLeading() : text;
            if (!t.isEmpty()) {
                line.append(t);
            }
        }

        /** Ends the line being written; an empty one only for a {@code <br>} (a blank line the writer meant). */
        private void endLine(boolean evenEmpty) {
            String written = line.toString().strip();
            line.setLength(0);
            if (written.isEmpty() && !evenEmpty) {
                return;
            }
            out.append("> ".repeat(quoted)).append(written).append('\n');
        }

        String text() {
            endLine(false);
            return BLANK_LINES.matcher(out.toString()).replaceAll("\n\n").strip();
        }
    }
}
