package se.foubot.channels.slack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Slack's Block Kit rules for a modal, as its reference states them, checked on the JSON the bot sent (read with
 * Jackson, not the Slack SDK that wrote it): element types an input block takes, unique block and action ids, and the
 * documented lengths and formats. Slack refuses a view that breaks any of them ({@code invalid_arguments}), so a form
 * that breaks one would never open.
 */
public final class BlockKitRules {

    /** What an input block takes (Block Kit reference, "Input block": element). */
    private static final Set<String> INPUT_ELEMENTS = Set.of("plain_text_input", "email_text_input", "url_text_input",
            "number_input", "datepicker", "timepicker", "datetimepicker", "static_select", "multi_static_select",
            "external_select", "multi_external_select", "users_select", "multi_users_select", "conversations_select",
            "multi_conversations_select", "channels_select", "multi_channels_select", "checkboxes", "radio_buttons",
            "rich_text_input", "file_input");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private BlockKitRules() {
    }

    /** @return every rule the modal's JSON breaks, in words; empty when Slack would take it */
    public static List<String> brokenBy(String viewJson) {
        JsonNode view = new ObjectMapper().readTree(viewJson);
        List<String> broken = new ArrayList<>();
        check(broken, "modal".equals(view.path("type").asString("")), "type must be modal");
        plainText(broken, view.path("title"), "title", 24, true);
        plainText(broken, view.path("submit"), "submit", 24, false);
        plainText(broken, view.path("close"), "close", 24, false);
        check(broken, view.path("callback_id").asString("").length() <= 255, "callback_id longer than 255");
        check(broken, view.path("private_metadata").asString("").length() <= 3000, "private_metadata longer than 3000");
        JsonNode blocks = view.path("blocks");
        check(broken, blocks.isArray() && blocks.size() <= 100, "blocks: at most 100");
        Set<String> blockIds = new HashSet<>();
        Set<String> actionIds = new HashSet<>();
        boolean hasInput = false;
        for (JsonNode block : blocks.values()) {
            String id = block.path("block_id").asString(null);
            if (id != null) {
                check(broken, id.length() <= 255, "block_id longer than 255: " + id);
                check(broken, blockIds.add(id), "block_id used twice: " + id);
            }
            if ("input".equals(block.path("type").asString(""))) {
                hasInput = true;
                plainText(broken, block.path("label"), "label of " + id, 2000, true);
                if (block.has("hint")) {
                    plainText(broken, block.path("hint"), "hint of " + id, 2000, true);
                }
                element(broken, block.path("element"), id, actionIds);
            }
        }
        check(broken, !hasInput || view.has("submit"), "a modal with input blocks needs a submit button");
        return broken;
    }

    /**
     * What a message's blocks show, as Slack reads them: every {@code text} string in them, a line each, read with
     * Jackson (the SDK writes {@code <} and {@code &} as JSON escapes, so the raw parameter does not show them).
     */
    public static String textOf(String blocksJson) {
        StringBuilder shown = new StringBuilder();
        texts(new ObjectMapper().readTree(blocksJson), shown);
        return shown.toString();
    }

    private static void texts(JsonNode node, StringBuilder shown) {
        if (node.isObject() && node.path("text").isString()) {
            shown.append(node.path("text").asString()).append('\n');
        }
        for (JsonNode child : node.values()) {
            texts(child, shown);
        }
    }

    /** The element type of each input block, by block id. */
    public static Map<String, String> elementTypes(String viewJson) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (JsonNode block : new ObjectMapper().readTree(viewJson).path("blocks").values()) {
            if ("input".equals(block.path("type").asString(""))) {
                types.put(block.path("block_id").asString(""), block.path("element").path("type").asString(""));
            }
        }
        return types;
    }

    private static void element(List<String> broken, JsonNode e, String block, Set<String> actionIds) {
        String type = e.path("type").asString("");
        check(broken, INPUT_ELEMENTS.contains(type), "input block " + block + " cannot hold a " + type);
        String action = e.path("action_id").asString(null);
        if (action != null) {
            check(broken, action.length() <= 255, "action_id longer than 255 in " + block);
            check(broken, actionIds.add(block + "/" + action), "action_id used twice in " + block);
        }
        if (e.has("placeholder")) {
            plainText(broken, e.path("placeholder"), "placeholder of " + block, 150, true);
        }
        switch (type) {
            case "plain_text_input" -> {
                int max = e.path("max_length").asInt(3000);
                check(broken, max >= 1 && max <= 3000, "max_length of " + block + " must be 1–3000");
                check(broken, e.path("min_length").asInt(0) <= Math.min(max, 3000), "min_length of " + block + " above max");
                check(broken, !e.has("initial_value") || e.path("initial_value").asString("").length() <= max,
                        "initial_value of " + block + " longer than max_length");
            }
            case "datepicker" -> check(broken, !e.has("initial_date") || DATE.matcher(e.path("initial_date").asString("")).matches(),
                    "initial_date of " + block + " must be YYYY-MM-DD");
            case "timepicker" -> check(broken, !e.has("initial_time") || TIME.matcher(e.path("initial_time").asString("")).matches(),
                    "initial_time of " + block + " must be HH:mm");
            case "number_input" -> {
                check(broken, e.has("is_decimal_allowed") && e.path("is_decimal_allowed").isBoolean(),
                        "number_input " + block + " needs is_decimal_allowed");
                for (String f : List.of("min_value", "max_value", "initial_value")) {
                    check(broken, !e.has(f) || NUMBER.matcher(e.path(f).asString("")).matches(), f + " of " + block + " is no number");
                }
                if (e.has("min_value") && e.has("max_value")) {
                    check(broken, Double.parseDouble(e.path("min_value").asString()) <= Double.parseDouble(e.path("max_value").asString()),
                            "min_value above max_value in " + block);
                }
            }
            case "static_select" -> {
                JsonNode options = e.path("options");
                check(broken, options.isArray() && options.size() >= 1 && options.size() <= 100, "options of " + block + ": 1–100");
                for (JsonNode o : options.values()) {
                    plainText(broken, o.path("text"), "option of " + block, 75, true);
                    check(broken, o.path("value").asString("").length() <= 150, "option value of " + block + " longer than 150");
                }
            }
            default -> {
                // the other elements' own rules are not used by the bot's forms
            }
        }
    }

    private static void plainText(List<String> broken, JsonNode t, String what, int max, boolean required) {
        if (t.isMissingNode() || t.isNull()) {
            check(broken, !required, what + " is missing");
            return;
        }
        check(broken, "plain_text".equals(t.path("type").asString("")), what + " must be plain_text");
        String text = t.path("text").asString("");
        check(broken, !text.isEmpty() && text.length() <= max, what + " must be 1–" + max + " characters: " + text);
    }

    private static void check(List<String> broken, boolean ok, String rule) {
        if (!ok) {
            broken.add(rule);
        }
    }
}
