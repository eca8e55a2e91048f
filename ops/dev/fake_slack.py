#!/usr/bin/env python3
"""A local stand-in for the Slack Web API, for trying fou-bot without Slack.

Prints every call the bot makes (method and the interesting parameters) and answers like Slack.
Run:  python3 ops/dev/fake_slack.py [port]      (default 9999; then SLACK_API_URL=http://127.0.0.1:9999/api/)
Only listens on 127.0.0.1.
"""
import json
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

counter = [0]


def next_ts():
    counter[0] += 1
    return f"{int(time.time())}.{counter[0]:06d}"


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        method = self.path.rsplit("/", 1)[-1]
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        if "json" in (self.headers.get("Content-Type") or ""):
            params = json.loads(body or "{}")
        else:
            params = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
        if method != "auth.test":
            shown = {k: v for k, v in params.items() if k in ("channel", "user", "user_id", "ts", "thread_ts", "text")}
            print(f"--> {method} {json.dumps(shown, ensure_ascii=False)}", flush=True)
            if "blocks" in params:
                for b in json.loads(params["blocks"]):
                    for e in b.get("elements", []):
                        if e.get("type") == "button":
                            print(f"      [button {e['action_id']} value={e.get('value')!r} block={b.get('block_id')!r}] "
                                  f"{e['text']['text']}", flush=True)
        reply = {"ok": True}
        if method == "auth.test":
            reply.update(user_id="UFOUBOT", bot_id="BFOUBOT", team_id="T0FOU", user="fou-bot", team="FoU")
        elif method == "chat.postMessage":
            reply.update(channel=params.get("channel"), ts=next_ts())
        elif method == "users.info":
            # every user has an address on their profile, where invites and grant reminders go
            user = params.get("user", "")
            reply.update(user={"id": user, "profile": {"email": user.lower() + "@stockholm.se"}})
        elif method == "chat.update":
            reply.update(channel=params.get("channel"), ts=params.get("ts"))
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9999
    print(f"fake Slack Web API on http://127.0.0.1:{port}/api/", flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
