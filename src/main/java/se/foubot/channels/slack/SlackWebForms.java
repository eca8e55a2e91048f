package se.foubot.channels.slack;

import java.io.IOException;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.util.json.GsonFactory;

import okhttp3.FormBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Posts a Web API method's form, as the Slack SDK's client does, and reads the answer with one JSON reader kept for
 * the bot's life. The SDK's client builds a new Gson, with all of Slack's type adapters, for every answer it reads:
 * 867 MB of the 6.3 GB a Slack benchmark run allocated, all of it on the workers that post the bot's replies.
 * The answer is the SDK's own response class, read by the Gson the SDK would make; a non-2xx status is the SDK's
 * {@link SlackApiException}, as before; an answer that cannot be read (empty, cut off) is an {@link IOException},
 * which the caller retries as it does a dropped connection.
 */
final class SlackWebForms {

    private final MethodsClient methods;
    private final String token;
    private final Gson gson;

    SlackWebForms(MethodsClient methods, String token, SlackConfig config) {
        this.methods = methods;
        this.token = token;
        this.gson = GsonFactory.createSnakeCase(config);
    }

    <T extends SlackApiTextResponse> T post(String method, FormBody.Builder form, Class<T> type) throws IOException, SlackApiException {
        try (Response response = methods.runPostFormWithToken(form, method, token)) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(response, text);
            }
            T answer;
            try {
                answer = gson.fromJson(text, type);
            } catch (JsonParseException garbled) {
                // a transport fault, not the message's: retried like a dropped connection, never blamed on the person
                throw new IOException(method + ": an unreadable answer", garbled);
            }
            if (answer == null) {
                throw new IOException(method + ": an empty answer");
            }
            return answer;
        }
    }
}
