package se.foubot.web;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** A chart as JSON for the canvas's data-chart attribute; used by the templates as @chartJson. */
@Component("chartJson")
public class ChartJson {

    private final JsonMapper json;

    ChartJson(JsonMapper json) {
        this.json = json;
    }

    public String of(Chart chart) {
        return json.writeValueAsString(chart);
    }
}
