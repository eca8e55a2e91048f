package se.foubot.conversation;

import java.util.Arrays;
import java.util.Optional;

/** What kind of answer a step takes; the name is the one written in the flow files. */
public enum AnswerType {
    TEXT("text"), CHOICE("choice"), YES_NO("yes-no"), DATE("date"), EMAIL("email"), NUMBER("number");

    private final String yamlName;

    AnswerType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<AnswerType> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    public static String allNames() {
        return String.join(", ", Arrays.stream(values()).map(AnswerType::yamlName).toList());
    }
}
