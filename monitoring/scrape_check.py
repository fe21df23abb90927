#!/usr/bin/env python3
"""The Python half of monitoring/scrape-check.sh (run that, not this).

  config   writes a Prometheus config that scrapes the local services exactly as prometheus/prometheus.yml
           scrapes the compose stack (same jobs, paths and parameters; local addresses; a short interval)
  traffic  drives the running services through every event the dashboards show: sends (single, batch), a 429,
           a permanent failure, an ambiguous send, retries that end in the dead-letter queue, a broker that
           refuses the gateway (503), mailbox syncs (added, updated, removed, a failed round), push sync (new mail
           notified and stored, lifecycle notifications, a failed renewal, forged notifications, the notification
           endpoint's rate limit), webhooks (delivered to a local receiver; an endpoint answering 410 is disabled),
           a hard bounce recognised by a sync round, a suppression added by hand
  verify   evaluates every query of every dashboard panel over the run and every series selector of every alert
           rule against that Prometheus; fails naming what returned no data

Standard library and PyYAML only.
"""
import argparse
import json
import math
import re
import subprocess
import sys
import threading
import time
import uuid
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

# Panel queries that may legitimately return nothing in the check, as {(dashboard uid, panel title, refId): reason}.
# Keep it minimal: every entry is a panel the check cannot vouch for.
EXPECTED_EMPTY = {}


def log(message):
    print(message, flush=True)


# ---------------------------------------------------------------------------------------------------- config

LOCAL_TARGETS = {
    "api-gateway:9080": "127.0.0.1:9080",
    "mail-worker:9081": "127.0.0.1:9081",
    "rabbitmq:15692": "127.0.0.1:15692",
}


def write_config(args):
    source = yaml.safe_load(Path(args.prometheus_yml).read_text())
    config = {
        "global": {"scrape_interval": args.interval, "scrape_timeout": args.interval,
                   "evaluation_interval": args.interval},
        "rule_files": [str(Path(args.alerts).resolve())],
        "scrape_configs": [],
    }
    for job in source["scrape_configs"]:
        job = dict(job)
        name = job["job_name"]
        targets = [t for static in job.pop("static_configs", []) for t in static["targets"]]
        for dns in job.pop("dns_sd_configs", []):
            targets += [f"{host}:{dns['port']}" for host in dns["names"]]
        if name == "prometheus":
            local = [f"127.0.0.1:{args.port}"]
        else:
            unknown = [t for t in targets if t not in LOCAL_TARGETS]
            if unknown:
                sys.exit(f"scrape job {name}: no local address for {unknown}; add it to LOCAL_TARGETS")
            local = [LOCAL_TARGETS[t] for t in targets]
        job["static_configs"] = [{"targets": local}]
        job.pop("scrape_interval", None)
        job.pop("scrape_timeout", None)
        if name == "rabbitmq-queues":
            # The broker is shared; only the check's own virtual host counts.
            job["metric_relabel_configs"] = [{"source_labels": ["vhost"], "regex": re.escape(args.vhost),
                                              "action": "keep"}]
        config["scrape_configs"].append(job)
    Path(args.out).write_text(json.dumps(config, indent=2))
    log(f"Prometheus config: {len(config['scrape_configs'])} jobs "
        f"({', '.join(j['job_name'] for j in config['scrape_configs'])}), every {args.interval}")


# ---------------------------------------------------------------------------------------------------- http

def request(method, url, body=None, headers=None, expect=None, timeout=20):
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    if expect is not None and status not in expect:
        raise RuntimeError(f"{method} {url} answered {status}, expected {expect}: {raw[:500].decode(errors='replace')}")
    text = raw.decode(errors="replace")
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def wait_for(what, probe, timeout, interval=0.5):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            result = probe()
            if result:
                return result
        except Exception as e:  # a service restarting its connections answers errors for a moment
            last = e
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout}s waiting for {what}" + (f" (last error: {last})" if last else ""))


# ---------------------------------------------------------------------------------------------------- traffic

class Graphmail:
    def __init__(self, args):
        self.api = args.gateway.rstrip("/")
        self.management = args.gateway_management.rstrip("/")
        self.worker_management = args.worker_management.rstrip("/")
        self.sim = args.simulator.rstrip("/")
        self.auth = {"Authorization": f"Bearer {args.api_key}"}
        self.account = args.account
        self.mailbox = args.mailbox
        self.vhost = args.vhost
        self.count = 0

    def message(self, tag):
        self.count += 1
        return {"to": [f"check-{self.count}@example.com"], "subject": f"scrape check {self.count}: {tag}",
                "body": {"contentType": "text", "content": f"Scrape check message {self.count} ({tag})."}}

    def send(self, tag, expect=(202,)):
        status, body = request("POST", f"{self.api}/api/v1/mail", self.message(tag), self.auth, expect=expect)
        return status, body

    def mail_status(self, mail_id):
        return request("GET", f"{self.api}/api/v1/mail/{mail_id}", headers=self.auth, expect=(200,))[1]

    def await_mail(self, mail_id, statuses, timeout=60):
        def probe():
            view = self.mail_status(mail_id)
            if view["status"] in statuses:
                return view
            if view["status"] in ("SENT", "FAILED", "DEAD_LETTERED", "CANCELLED"):
                raise SystemExit(f"message {mail_id} ended {view['status']} ({view.get('lastError')}), expected {statuses}")
            return None
        view = wait_for(f"message {mail_id} to become {'/'.join(statuses)}", probe, timeout)
        log(f"  message {mail_id}: {view['status']} after {view.get('attempts')} attempt(s)"
            + (f", lastError {view['lastError']}" if view.get("lastError") else ""))
        return view

    def send_and_await(self, tag, statuses, timeout=60):
        _, body = self.send(tag)
        return self.await_mail(body["id"], statuses, timeout)

    def fault(self, **spec):
        request("POST", f"{self.sim}/_sim/faults", spec, expect=(201,))

    def clear_faults(self):
        request("DELETE", f"{self.sim}/_sim/faults", expect=(200, 204))

    def sync(self, what, expect_failed=False, timeout=60):
        _, body = request("POST", f"{self.api}/api/v1/accounts/{self.account}/sync", {}, self.auth, expect=(202,))
        run_id = str(body["runId"])

        def probe():
            # No folders named: the worker syncs its default folders, all the account has.
            folders = request("GET", f"{self.api}/api/v1/accounts/{self.account}/sync", headers=self.auth,
                              expect=(200,))[1]["folders"]
            done = folders and all(str(f.get("lastRunId")) == run_id and f["state"] in ("IDLE", "FAILED")
                                   for f in folders)
            return folders if done else None
        folders = wait_for(f"sync run {run_id} ({what})", probe, timeout)
        for f in folders:
            log(f"  sync {f['folder']}: {f['state']} added {f['added']} updated {f['updated']} removed {f['removed']}"
                + (f" ({f['lastError']})" if f.get("lastError") else ""))
        if expect_failed != any(f["state"] == "FAILED" for f in folders):
            raise SystemExit(f"sync run {run_id}: expected {'a' if expect_failed else 'no'} failed folder")
        return folders

    def folders(self):
        return request("GET", f"{self.api}/api/v1/accounts/{self.account}/sync", headers=self.auth,
                       expect=(200,))[1]["folders"]

    def settle(self, quiet_polls=4):
        """Waits until no round has run for a few polls: rounds that notifications started (sends and mailbox
        changes all notify) would take a requested round's lease, and that round would then be covered by theirs."""
        seen = {"last": None, "quiet": 0}

        def probe():
            folders = self.folders()
            mark = [(f["folder"], f.get("lastRunId"), f["state"]) for f in folders]
            busy = any(f["state"] == "SYNCING" for f in folders)
            seen["quiet"] = 0 if busy or mark != seen["last"] else seen["quiet"] + 1
            seen["last"] = mark
            return seen["quiet"] >= quiet_polls
        wait_for("notified rounds to finish", probe, 60, interval=1)

    def inbox_count(self):
        count, cursor = 0, None
        while True:
            query = "folder=inbox&limit=100" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
            page = request("GET", f"{self.api}/api/v1/accounts/{self.account}/messages?{query}", headers=self.auth,
                           expect=(200,))[1]
            count += len(page["items"])
            cursor = page.get("nextCursor")
            if not cursor:
                return count

    def subscriptions(self):
        live = request("GET", f"{self.sim}/_sim/subscriptions", expect=(200,))[1]["value"]
        return [s for s in live if s["mailbox"].lower() == self.mailbox.lower()]

    def metric(self, base, name, **labels):
        """The sum of a service's samples of a metric whose labels include the given ones."""
        text = request("GET", f"{base}/actuator/prometheus", expect=(200,))[1]
        total = 0.0
        for line in text.splitlines():
            if not line.startswith(name + "{") and not line.startswith(name + " "):
                continue
            series = line.split(" #")[0].rsplit(" ", 1)
            if all(f'{key}="{value}"' in series[0] for key, value in labels.items()):
                total += float(series[1])
        return total

    def worker_metric(self, name, **labels):
        return self.metric(self.worker_management, name, **labels)

    def gateway_metric(self, name, **labels):
        return self.metric(self.management, name, **labels)

    def notify(self, body):
        status, _ = request("POST", f"{self.api}/notifications/graph", body)
        return status

    def send_consumers(self):
        out = subprocess.run(["rabbitmqctl", "-q", "list_queues", "-p", self.vhost, "name", "consumers"],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "graphmail.mail.send":
                return int(parts[1])
        return 0


class WebhookReceiver:
    """A local webhook endpoint: /ok answers 204, /gone answers 410 (graphmail then disables that endpoint)."""

    def __init__(self):
        received = self.received = {"/ok": 0, "/gone": 0}

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                received[self.path] = received.get(self.path, 0) + 1
                self.send_response(410 if self.path == "/gone" else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.webhooks = []

    def register(self, gm, path, events):
        url = f"http://127.0.0.1:{self.server.server_address[1]}{path}"
        _, body = request("POST", f"{gm.api}/api/v1/webhooks", {"url": url, "events": events}, gm.auth, expect=(201,))
        self.webhooks.append(body["id"])
        return body["id"]

    def close(self, gm):
        # MongoDB outlives the run (data/mongo.mv): endpoints left behind would be called by the next run's gateway.
        for webhook in self.webhooks:
            try:
                request("DELETE", f"{gm.api}/api/v1/webhooks/{webhook}", headers=gm.auth)
            except OSError as e:
                log(f"  could not remove webhook {webhook}: {e}")
        self.server.shutdown()


def rabbitmqctl(*args):
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, text=True)


# More than one scrape interval of the check's Prometheus (scrape-check.sh passes --interval 2s to config).
SCRAPES_APART = 5


def traffic(args):
    gm = Graphmail(args)
    receiver = WebhookReceiver()
    try:
        drive(gm, args, receiver)
    finally:
        receiver.close(gm)


def drive(gm, args, receiver):
    send_path = "/v1.0/users/*/messages/*/send"
    started = time.monotonic()
    gm.clear_faults()

    def account_active():
        status, body = request("GET", f"{gm.api}/api/v1/accounts/{gm.account}", headers=gm.auth)
        return status == 200 and body.get("status") == "ACTIVE"
    wait_for(f"account {gm.account} to be ACTIVE", account_active, 60)
    subscriptions = wait_for("a push subscription per synced folder at the simulator",
                             lambda: len(gm.subscriptions()) >= 2 and gm.subscriptions(), 120)
    log(f"push sync on: {len(subscriptions)} folder subscriptions notify {subscriptions[0]['subscription']['notificationUrl']}")

    log("actuator answers on the management port only")
    for path in ("/actuator/prometheus", "/actuator/health"):
        status, body = request("GET", f"{gm.api}{path}", headers=gm.auth)
        if status == 200:
            raise SystemExit(f"the API port serves {path}: {str(body)[:200]}")
        request("GET", f"{gm.management}{path}", expect=(200,))
        log(f"  {path}: API port {status}, management port 200")

    log("webhooks: an endpoint for every event at a local receiver, one for mail.sent that answers 410 Gone")
    receiver.register(gm, "/ok", ["*"])
    gone = receiver.register(gm, "/gone", ["mail.sent"])

    log("sends: two single messages and a batch of five")
    for _ in range(2):
        gm.send_and_await("single", ("SENT",))
    _, batch = request("POST", f"{gm.api}/api/v1/mail/batches",
                       {"messages": [gm.message("batch") for _ in range(5)]}, gm.auth, expect=(202,))
    batch_id = batch["id"]
    wait_for(f"batch {batch_id} to be sent",
             lambda: request("GET", f"{gm.api}/api/v1/mail/batches/{batch_id}", headers=gm.auth,
                             expect=(200,))[1].get("counts", {}).get("SENT") == 5, 60)
    log(f"  batch {batch_id}: 5 sent")
    wait_for("the 410 endpoint to be disabled",
             lambda: request("GET", f"{gm.api}/api/v1/webhooks/{gone}", headers=gm.auth,
                             expect=(200,))[1].get("enabled") is False, 60)
    wait_for("deliveries to the receiver", lambda: receiver.received["/ok"] > 0, 60)
    log(f"  the 410 endpoint is disabled; {receiver.received['/ok']} deliveries received so far")

    log("bounces: mail to an address the simulator's Exchange does not know (a hard bounce); a suppression by hand")
    bounce = gm.message("bounce")
    bounce["to"] = [f"gone-{uuid.uuid4()}@bounce.invalid"]
    bounced = request("POST", f"{gm.api}/api/v1/mail", bounce, gm.auth, expect=(202,))[1]["id"]
    gm.await_mail(bounced, ("SENT", "BOUNCED"))
    request("POST", f"{gm.api}/api/v1/suppressions", {"address": f"suppressed-{uuid.uuid4()}@example.com"}, gm.auth,
            expect=(201,))

    log("Graph answers 429 with Retry-After: 1 (deferred, then sent)")
    gm.fault(pathPattern=send_path, method="POST", status=429, retryAfterSeconds=1, count=1)
    gm.send_and_await("throttled", ("SENT",))

    log("Graph refuses a send with 400 (permanent failure)")
    gm.fault(pathPattern=send_path, method="POST", status=400, count=1)
    gm.send_and_await("refused", ("FAILED",))

    log("Graph sends but the answer is lost (504 after success): the retry finds it in Sent Items")
    gm.fault(pathPattern=send_path, method="POST", status=504, afterSuccess=True, count=1)
    gm.send_and_await("ambiguous", ("SENT",))

    log("Graph answers 503 until the attempts run out: retried, then dead-lettered")
    gm.fault(pathPattern=send_path, method="POST", status=503, count=args.max_attempts)
    gm.send_and_await("dead letter", ("DEAD_LETTERED",), timeout=90)

    log("Graph answers 429 once more (a second Retry-After)")
    gm.fault(pathPattern=send_path, method="POST", status=429, retryAfterSeconds=2, count=1)
    gm.send_and_await("throttled again", ("SENT",))
    gm.clear_faults()

    log("mailbox sync: 20 new messages, a round that fails, then updates and a removal")
    _, generated = request("POST", f"{gm.sim}/_sim/mailboxes/{gm.mailbox}/messages/generate",
                           {"count": 20, "attachments": 1}, expect=(201,))
    # Every change notifies: the rounds notifications start go first, so that the requested ones are not covered
    # by them (and the delta fault below strikes a requested round).
    gm.settle()
    gm.sync("first round")
    # The report reached the Inbox before this round: a notified round or this one has recognised it.
    wait_for(f"message {bounced} to be BOUNCED", lambda: gm.mail_status(bounced)["status"] == "BOUNCED", 30)
    log(f"  message {bounced}: BOUNCED")
    # A rate (and so a histogram quantile) needs a counter to move between two scrapes; rounds this small can all
    # finish between two scrapes, so the later ones wait for the next.
    time.sleep(SCRAPES_APART)
    gm.fault(pathPattern="/v1.0/users/*/mailFolders/*/messages/delta", method="GET", status=503, count=1)
    gm.sync("a delta call fails", expect_failed=True)
    gm.clear_faults()
    ids = generated["ids"]
    for message_id in ids[:3]:
        request("PATCH", f"{gm.sim}/_sim/mailboxes/{gm.mailbox}/messages/{message_id}",
                {"isRead": True, "subject": "changed by the scrape check"}, expect=(200,))
    request("DELETE", f"{gm.sim}/_sim/mailboxes/{gm.mailbox}/messages/{ids[3]}", expect=(204,))
    time.sleep(SCRAPES_APART)
    gm.settle()
    gm.sync("updates and a removal")

    push(gm)

    log("the broker refuses the gateway: no connections allowed to the virtual host for a moment (503)")
    rabbitmqctl("set_vhost_limits", "-p", gm.vhost, '{"max-connections": 0}')
    try:
        rabbitmqctl("close_all_connections", "-p", gm.vhost, "scrape check: broker unavailable")
        time.sleep(1)
        status, _ = gm.send("refused by the broker", expect=(503,))
        log(f"  gateway answered {status}")
    finally:
        rabbitmqctl("clear_vhost_limits", "-p", gm.vhost)
    wait_for("workers to consume graphmail.mail.send again", lambda: gm.send_consumers() > 0, 60, interval=1)
    wait_for("the gateway to be ready again",
             lambda: request("GET", f"{gm.management}/actuator/health/readiness")[0] == 200, 60, interval=1)
    log("  broker reachable again, workers consuming")

    log("sends after the outage")
    for _ in range(2):
        gm.send_and_await("after the outage", ("SENT",))
    log(f"  webhook receiver: {receiver.received['/ok']} deliveries taken, {receiver.received['/gone']} answered 410")
    log(f"traffic done in {time.monotonic() - started:.0f}s")


def push(gm):
    """Push sync: new mail that only a notification announces, Graph's lifecycle notifications, a renewal Graph refuses,
    forged notifications and a burst over the notification endpoint's rate limit."""
    log("push: new mail through the simulator's control API is stored by notified rounds, no sync requested")
    for _ in range(2):
        gm.settle()
        before = gm.inbox_count()
        started = time.monotonic()
        request("POST", f"{gm.sim}/_sim/mailboxes/{gm.mailbox}/messages/generate", {"count": 2, "folder": "inbox"},
                expect=(201,))
        wait_for("2 new inbox messages in the query API", lambda: gm.inbox_count() >= before + 2, 60)
        log(f"  2 new messages queryable after {time.monotonic() - started:.1f}s")
        time.sleep(SCRAPES_APART)

    changes = "graphmail_push_subscription_changes_total"
    subscription = gm.subscriptions()[0]["subscription"]["id"]

    def lifecycle(event, what, metric, **labels):
        before = gm.worker_metric(metric, **labels)
        _, body = request("POST", f"{gm.sim}/_sim/subscriptions/{subscription}/lifecycle", {"lifecycleEvent": event},
                          expect=(202,))
        if not body.get("sent"):
            raise SystemExit(f"the simulator sent no {event} notification (no lifecycle URL?)")
        wait_for(what, lambda: gm.worker_metric(metric, **labels) > before, 60)
        log(f"  {event}: {what}")

    log("push: lifecycle notifications, one renewal refused (PATCH /subscriptions answers 503)")
    gm.fault(pathPattern="/v1.0/subscriptions/*", method="PATCH", status=503, count=1)
    lifecycle("reauthorizationRequired", "renewal failed", changes, action="renew", result="failure")
    gm.clear_faults()
    lifecycle("reauthorizationRequired", "renewed", changes, action="renew", result="success")
    lifecycle("missed", "a notified round", "graphmail_push_rounds_total")
    lifecycle("subscriptionRemoved", "subscribed again", changes, action="create", result="success")
    wait_for("a subscription per synced folder again", lambda: len(gm.subscriptions()) >= 2, 60)

    log("push: forged notifications (wrong clientState, unknown subscription, malformed) are answered 202 and rejected")
    live = gm.subscriptions()[0]["subscription"]["id"]
    rejected = gm.gateway_metric("graphmail_notifications_rejected_total")
    forged = [{"subscriptionId": live, "clientState": "forged", "changeType": "created", "resource": "forged"},
              {"subscriptionId": "no-such-subscription", "clientState": "forged", "changeType": "created"}]
    statuses = [gm.notify({"value": [notification]}) for notification in forged] + [gm.notify({"value": 42})]
    if statuses != [202, 202, 202]:
        raise SystemExit(f"forged notifications answered {statuses}, expected 202 each")
    wait_for("3 rejected notifications", lambda: gm.gateway_metric("graphmail_notifications_rejected_total")
             >= rejected + 3, 30)
    log("  3 rejected")

    log("push: a burst of notification POSTs over the endpoint's rate limit (10 a second here) is answered 429")
    dropped = gm.gateway_metric("graphmail_notifications_dropped_total", reason="rate")
    # From 20 threads at once: one after another, a slow machine might not outrun the refill.
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _: gm.notify({"value": []}), range(120)))
    if 429 not in statuses:
        raise SystemExit(f"120 notification POSTs at once were all taken: {sorted(set(statuses))}")
    wait_for("dropped notification POSTs to be counted",
             lambda: gm.gateway_metric("graphmail_notifications_dropped_total", reason="rate") > dropped, 30)
    log(f"  {statuses.count(202)} taken, {statuses.count(429)} answered 429")
    # Graph's next notifications find the bucket full again.
    time.sleep(3)


# ---------------------------------------------------------------------------------------------------- verify

AGGREGATIONS = {"sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
                "quantile", "limitk", "limit_ratio"}
KEYWORDS = {"and", "or", "unless", "bool", "offset", "atan2", "inf", "nan"}
LABEL_LISTS = {"by", "without", "on", "ignoring", "group_left", "group_right"}


def _matcher_end(expr, start):
    i, quote = start + 1, None
    while i < len(expr):
        c = expr[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
        elif c == "}":
            return i + 1
        i += 1
    raise ValueError(f"unclosed {{ in {expr!r}")


def selectors(expr):
    """The vector selectors (metric name plus matchers) of a PromQL expression."""
    found, i, n = [], 0, len(expr)
    while i < n:
        c = expr[i]
        if c in "\"'`":
            j = i + 1
            while j < n and expr[j] != c:
                j += 2 if expr[j] == "\\" else 1
            i = j + 1
        elif c == "[":
            i = expr.index("]", i) + 1
        elif c == "#":
            i = expr.find("\n", i) if "\n" in expr[i:] else n
        elif c.isdigit() or (c == "." and i + 1 < n and expr[i + 1].isdigit()):
            while i < n and (expr[i].isalnum() or expr[i] in "._"):
                i += 1
        elif c.isalpha() or c in "_:":
            j = i
            while j < n and (expr[j].isalnum() or expr[j] in "_:"):
                j += 1
            word, k = expr[i:j], j
            while k < n and expr[k].isspace():
                k += 1
            if word in LABEL_LISTS:
                i = expr.index(")", k) + 1 if k < n and expr[k] == "(" else j
            elif word.lower() in KEYWORDS or word in AGGREGATIONS or (k < n and expr[k] == "("):
                i = j
            elif k < n and expr[k] == "{":
                end = _matcher_end(expr, k)
                found.append(word + expr[k:end])
                i = end
            else:
                found.append(word)
                i = j
        elif c == "{":
            end = _matcher_end(expr, i)
            found.append(expr[i:end])
            i = end
        else:
            i += 1
    return found


class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        query = urllib.parse.urlencode(params, doseq=True)
        status, body = request("GET", f"{self.url}{path}?{query}", timeout=30)
        if status != 200 or not isinstance(body, dict) or body.get("status") != "success":
            raise RuntimeError(f"Prometheus {path} {params}: {status} {body}")
        return body["data"]


def substitute(expr, dashboard, range_seconds):
    for var in dashboard.get("templating", {}).get("list", []):
        value = var.get("allValue") or ".*"
        name = re.escape(var["name"])
        expr = re.sub(r"\$\{" + name + r"(:[a-z]+)?\}|\[\[" + name + r"\]\]|\$" + name + r"\b", value, expr)
    # The question is whether the panel had data at any time during the run, not only in its last minute:
    # rate windows span the whole run, so traffic that ended early still counts.
    window = f"{range_seconds}s"
    return expr.replace("$__rate_interval", window).replace("$__interval", window).replace("$__range", window)


def panels(items):
    for panel in items:
        yield from panels(panel.get("panels", []))
        if panel.get("type") != "row":
            yield panel


def has_values(result):
    for series in result:
        for _, value in series.get("values", []):
            if not math.isnan(float(value)):
                return True
    return False


def verify(args):
    prom = Prometheus(args.prometheus)
    end = time.time()
    start = args.since
    range_seconds = max(60, int(end - start))
    failures, expected_empty, checked = [], [], 0

    targets = prom.get("/api/v1/targets")["activeTargets"]
    log("scrape targets:")
    for t in sorted(targets, key=lambda t: t["labels"]["job"]):
        log(f"  {t['labels']['job']:16} {t['scrapeUrl']:80} {t['health']}"
            + (f" ({t['lastError']})" if t.get("lastError") else ""))
        # One scrape slower than the short interval (a busy machine) is not a broken target; no successful
        # scrape in the last 30 seconds is.
        instance = t["labels"]["instance"]
        recent = prom.get("/api/v1/query", query=f'max_over_time(up{{instance="{instance}"}}[30s])')["result"]
        if not recent or float(recent[0]["value"][1]) < 1:
            failures.append(f"scrape target {t['scrapeUrl']} (job {t['labels']['job']}): no successful scrape "
                            f"in the last 30s ({t.get('lastError') or t['health']})")

    log("dashboard panel queries:")
    for path in sorted(Path(args.dashboards).glob("*.json")):
        dashboard = json.loads(path.read_text())
        uid = dashboard["uid"]
        for panel in panels(dashboard.get("panels", [])):
            for target in panel.get("targets", []):
                checked += 1
                expr = substitute(target["expr"], dashboard, range_seconds)
                key = (uid, panel["title"], target["refId"])
                name = f"{uid} / {panel['title']} / {target['refId']}"
                try:
                    result = prom.get("/api/v1/query_range", query=expr, start=start, end=end, step=args.step)["result"]
                    ok = has_values(result)
                except RuntimeError as e:
                    failures.append(f"{name}: query failed: {e}")
                    log(f"  ERROR  {name}")
                    continue
                if ok:
                    log(f"  ok     {name} ({len(result)} series)")
                    if key in EXPECTED_EMPTY:
                        log(f"         has data now: remove it from EXPECTED_EMPTY")
                elif key in EXPECTED_EMPTY:
                    expected_empty.append(f"{name}: {EXPECTED_EMPTY[key]}")
                    log(f"  EMPTY  {name} (expected: {EXPECTED_EMPTY[key]})")
                else:
                    failures.append(f"{name}: no data for {target['expr']}")
                    log(f"  EMPTY  {name}")

    log("alert rules:")
    rules = {}
    for group in prom.get("/api/v1/rules")["groups"]:
        for rule in group["rules"]:
            rules[rule.get("name")] = rule
    for group in yaml.safe_load(Path(args.alerts).read_text())["groups"]:
        for rule in group["rules"]:
            name = rule.get("alert") or rule.get("record")
            loaded = rules.get(name)
            if loaded is None:
                failures.append(f"alert {name}: not loaded by Prometheus")
            elif loaded.get("health") != "ok":
                failures.append(f"alert {name}: evaluation {loaded.get('health')}: {loaded.get('lastError')}")
            missing = []
            for selector in dict.fromkeys(selectors(rule["expr"])):
                checked += 1
                series = prom.get("/api/v1/series", **{"match[]": selector, "start": start, "end": end})
                if not series:
                    missing.append(selector)
            if missing:
                failures.append(f"alert {name}: no series for {', '.join(missing)}")
            state = loaded.get("state", "?") if loaded else "not loaded"
            log(f"  {'ok' if not missing else 'MISSING':6} {name} ({state})"
                + (f": no series for {', '.join(missing)}" if missing else ""))

    log("")
    if expected_empty:
        log("expected empty:")
        for line in expected_empty:
            log(f"  {line}")
    if failures:
        log(f"scrape check FAILED ({len(failures)} of {checked} checks):")
        for line in failures:
            log(f"  {line}")
        sys.exit(1)
    log(f"scrape check passed: {checked} queries and selectors have data")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    c = sub.add_parser("config")
    c.add_argument("--prometheus-yml", required=True)
    c.add_argument("--alerts", required=True)
    c.add_argument("--port", required=True)
    c.add_argument("--vhost", required=True)
    c.add_argument("--interval", default="2s")
    c.add_argument("--out", required=True)

    t = sub.add_parser("traffic")
    t.add_argument("--gateway", default="http://127.0.0.1:8080")
    t.add_argument("--gateway-management", default="http://127.0.0.1:9080")
    t.add_argument("--worker-management", default="http://127.0.0.1:9081")
    t.add_argument("--simulator", default="http://127.0.0.1:8089")
    t.add_argument("--api-key", required=True)
    t.add_argument("--account", default="default")
    t.add_argument("--mailbox", default="me@graphmail.local")
    t.add_argument("--vhost", required=True)
    t.add_argument("--max-attempts", type=int, required=True)

    v = sub.add_parser("verify")
    v.add_argument("--prometheus", required=True)
    v.add_argument("--since", type=float, required=True)
    v.add_argument("--step", default="5s")
    v.add_argument("--dashboards", required=True)
    v.add_argument("--alerts", required=True)

    args = parser.parse_args()
    {"config": write_config, "traffic": traffic, "verify": verify}[args.command](args)


if __name__ == "__main__":
    main()
