"""A user's script, run by the packed test (scripts/test-python.mjs) in a fresh venv outside the
workspace where only the built wheel is installed (with plain pip): chat, a stream, a job, a 402
and a verified webhook delivery, against the emulator. Prints one line per step; exits non-zero
on any failure."""

import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import aigateway
from aigateway import AIgateway, BudgetExceededError, verify_webhook

assert "site-packages" in aigateway.__file__, (
    f"aigateway imported from {aigateway.__file__}, not the installed wheel"
)

received = []
arrived = threading.Event()


class Hook(BaseHTTPRequestHandler):
    def do_POST(self):
        received.append((self.rfile.read(int(self.headers["content-length"])), dict(self.headers.items())))
        self.send_response(204)
        self.end_headers()
        arrived.set()

    def log_message(self, format, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()

client = AIgateway()  # AIGATEWAY_API_KEY, AIGATEWAY_BASE_URL
reply = client.chat.completions.create(model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}])
print("chat:", reply.choices[0].message.content)

with client.chat.completions.create(
    model="openai/gpt-5.4", messages=[{"role": "user", "content": "stream"}], stream=True
) as stream:
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
print("stream:", text, "| usage", stream.usage.total_tokens)

hook = f"http://127.0.0.1:{server.server_address[1]}/hooks/aigateway"
job = client.videos.generate(model="runwayml/gen-4", prompt="a sunset", duration=1, webhook_url=hook)
done = job.wait(poll_interval=0.05, timeout=60)
print("job:", done.id, done.status)

sub = client.sub_accounts.create(name="packed-test", spend_cap_cents=0)
try:
    client.with_options(api_key=sub.key).chat.completions.create(
        model="openai/gpt-5.4", messages=[{"role": "user", "content": "hi"}]
    )
    sys.exit("expected a 402")
except BudgetExceededError as err:
    print("402:", err.code, err.spend_cap_cents, err.request_id)

if not arrived.wait(30):
    sys.exit("no webhook delivery arrived")
body, headers = received[0]
event = verify_webhook(body, headers, os.environ["AIGATEWAY_WEBHOOK_SECRET"])
print("webhook:", event.type, event.data.id == done.id)
server.shutdown()
print("packed test ok")
