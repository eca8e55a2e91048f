package se.foubot.channels.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

/** Step 1: only what the door verified goes on — an HTTP request whose raw bytes matched its signature, or Socket Mode. */
class RefuseUnverified implements Middleware {

    private final DoorMark mark;

    RefuseUnverified(DoorMark mark) {
        this.mark = mark;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.isSocketMode() || mark.isOn(req)) {
            return chain.next(req);
        }
        return Response.builder().statusCode(401).contentType("application/json").body("{\"error\":\"invalid request\"}").build();
    }
}
