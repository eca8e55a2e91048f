package se.foubot.web;

import java.text.NumberFormat;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Figures as the pages write them: "4,9", with a decimal comma as Swedish writes it (helper 100 found "4.9" in the
 * tables of times). The CSV exports keep the point, for the programs that read them. Used by the templates as @sv.
 */
@Component("sv")
public class SwedishNumbers {

    /** One decimal, "–" for none. */
    public String decimal(Double value) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(Locale.forLanguageTag("sv-SE"));
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }
}
