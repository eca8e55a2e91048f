#!/usr/bin/env python3
"""Sends signed Slack requests to fou-bot, as Slack would (v0 HMAC-SHA256 over the raw body).

  python3 ops/dev/slack_send.py dm USER "text"                 a direct message
  python3 ops/dev/slack_send.py command USER "status"          /fou status
  python3 ops/dev/slack_send.py click USER CHANNEL ACTION VALUE [BLOCK] [select]
                                                               a button (or a select choice) in a message; BLOCK
                                                               is its block id as fake_slack.py printed it (an
                                                               answer's button names the question it answers, and
                                                               the bot takes no click meant for another question)
  python3 ops/dev/slack_send.py plan USER DATE START END PLACE CAPACITY DEADLINE [MEETING-ID]
                                                               the FoU-forum form (/fou forum ny), submitted;
                                                               with MEETING-ID: the change form (/fou forum ändra)
Environment: SLACK_SIGNING_SECRET (required), FOUBOT_URL (default http://127.0.0.1:8080).
"""
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.parse
import urllib.request
import uuid

SECRET = os.environ["SLACK_SIGNING_SECRET"]
URL = os.environ.get("FOUBOT_URL", "http://127.0.0.1:8080") + "/slack/events"


def send(body, content_type):
    ts = str(int(time.time()))
    sig = "v0=" + hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    req = urllib.request.Request(URL, data=body.encode(), method="POST", headers={
        "Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig})
    try:
        with urllib.request.urlopen(req) as r:
            print(r.status, r.read().decode())
    except urllib.error.HTTPError as e:
        print(e.code, e.read().decode())


def main(args):
    kind, user = args[0], args[1]
    now = f"{time.time():.6f}"
    if kind == "dm":
        event = {"type": "message", "channel": "D" + user, "channel_type": "im", "user": user, "text": args[2],
                 "ts": now, "event_ts": now}
        send(json.dumps({"type": "event_callback", "team_id": "T0FOU", "api_app_id": "A0FOU",
                         "event_id": "Ev" + uuid.uuid4().hex[:10], "event_time": int(time.time()), "event": event},
                        ensure_ascii=False), "application/json")
    elif kind == "command":
        send(urllib.parse.urlencode({"team_id": "T0FOU", "channel_id": "C0GENERAL", "user_id": user, "command": "/fou",
                                     "text": args[2], "trigger_id": "1.2.3", "response_url": "http://127.0.0.1:1/"}),
             "application/x-www-form-urlencoded")
    elif kind == "click":
        channel, action_id, value = args[2], args[3], args[4]
        rest = args[5:]
        selected = "select" in rest
        block = next((a for a in rest if a != "select"), "b")
        action = ({"type": "static_select", "action_id": action_id, "block_id": block,
                   "selected_option": {"text": {"type": "plain_text", "text": value}, "value": value}} if selected else
                  {"type": "button", "action_id": action_id, "block_id": block, "value": value,
                   "text": {"type": "plain_text", "text": value}})
        payload = {"type": "block_actions", "team": {"id": "T0FOU"}, "user": {"id": user}, "api_app_id": "A0FOU",
                   "trigger_id": uuid.uuid4().hex, "container": {"type": "message", "message_ts": now, "channel_id": channel},
                   "channel": {"id": channel}, "actions": [action]}
        send(urllib.parse.urlencode({"payload": json.dumps(payload, ensure_ascii=False)}),
             "application/x-www-form-urlencoded")
    elif kind == "plan":
        date, start, end, place, capacity, deadline = args[2:8]
        editing = args[8] if len(args) > 8 else ""
        values = {"title": "FoU-forum", "date": date, "start": start, "end": end, "place": place, "video": "",
                  "capacity": capacity, "deadline": deadline, "description": "", "agenda": ""}
        # as Slack sends the form's elements: date pickers, time pickers, a number and a URL input, text inputs
        def element(k, v):
            if k in ("date", "deadline"):
                return {"type": "datepicker", "selected_date": v or None}
            if k in ("start", "end"):
                return {"type": "timepicker", "selected_time": v or None}
            if k == "capacity":
                return {"type": "number_input", "value": v or None}
            if k == "video":
                return {"type": "url_text_input", "value": v or None}
            return {"type": "plain_text_input", "value": v or None}
        state = {k: {k: element(k, v)} for k, v in values.items()}
        payload = {"type": "view_submission", "team": {"id": "T0FOU"}, "user": {"id": user}, "api_app_id": "A0FOU",
                   "trigger_id": uuid.uuid4().hex, "view": {"id": "V" + uuid.uuid4().hex[:10].upper(), "type": "modal", "callback_id": "forum-plan",
                                                           "private_metadata": editing, "state": {"values": state}}}
        send(urllib.parse.urlencode({"payload": json.dumps(payload, ensure_ascii=False)}),
             "application/x-www-form-urlencoded")
    else:
        print(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:]) if len(sys.argv) > 2 else print(__doc__)
