"""Faults on the real services, in the production shape (tests/operations/conftest.py): PostgreSQL
restarted under gunicorn, Redis stopped, a Celery worker killed in the middle of a batch, a mail
server slower than a delivery may take. Nothing is lost, nothing is sent twice."""

import threading
import time
from collections import Counter

import pytest

from .servers import wait_until
from .web import Form, WebClient

ACCOUNTS = {"coordinator": ("coordinator1", "demo-coord1-icm"), "ir_staff": ("ir1", "demo-ir1-icm")}


def mails_to(shape, address):
    return [to for to in shape.smtp.recipients() if address in to]


def outbox_statuses(shape, addresses):
    rows = shape.cluster.sql(
        shape.dbname, "SELECT to_email, status FROM outbox_message WHERE to_email = ANY(%s)", (list(addresses),)
    )
    return dict(rows)


def started(shape, *, worker_concurrency=2):
    shape.web(), shape.worker(concurrency=worker_concurrency), shape.beat()
    browser = WebClient(shape.url)
    wait_until(lambda: _answered(browser, "/"), timeout=30, what="gunicorn answers")
    return shape


def main_pages(browser, role):
    """The pages each role uses every day, found by following the links a person would follow."""
    home = browser.get("/")
    [call, *_] = home.links(r'href="/calls/(\d+)/"')
    pages = ["/", f"/calls/{call}/", "/estimate/"]
    if role is None:
        return [*pages, "/accounts/login/", "/accounts/password_reset/"]
    if role == "coordinator":
        proposals = browser.get("/proposals/").links(r'href="(/proposals/\d+/)"')
        return [*pages, "/proposals/", *proposals[:2], f"/calls/{call}/proposals/new/", "/accounts/password_change/"]
    reviews = browser.get(f"/review/calls/{call}/").links(r'href="(/review/proposals/\d+/)"')
    ir_pages = ["/review/", "/review/compare/", f"/review/calls/{call}/", f"/review/calls/{call}/overview/"]
    ir_pages += ["/ir/registrations/", f"/ir/calls/{call}/registrations/", "/partners/", "/admin/"]
    return [*pages, *ir_pages, *reviews[:2]]


def register(browser, email):
    call = browser.get("/").links(r'href="(/calls/\d+/)"')[0]
    form = Form.find(browser.get(call).text, "consent")
    values = {name: next(v for v in choices if v) for name, choices in form.options.items() if any(choices)}
    values.update(name="Fault Tolerant", email=email, preferred_period="Autumn", message="", website="", consent="on")
    response, _ = browser.submit(call, "consent", **values)
    return response


def test_postgresql_restarted_idle_or_under_load_later_requests_succeed_and_mail_still_goes_out(shape):
    started(shape)
    browser = WebClient(shape.url)
    pages = ["/", "/estimate/", "/health/"] * 8

    def warm():
        for _ in range(6):  # every gunicorn worker now holds a database connection
            assert browser.get("/").status == 200

    warm()
    shape.cluster.restart()  # no request in flight: the kept connections died unseen
    after_idle = [browser.get(path).status for path in pages]

    warm()
    during, stop = [], threading.Event()

    def load():
        client = WebClient(shape.url)
        while not stop.is_set():
            try:
                during.append(client.get("/", timeout=10).status)
            except OSError as exc:
                during.append(type(exc).__name__)

    thread = threading.Thread(target=load)
    thread.start()
    try:
        time.sleep(0.5)
        shape.cluster.restart()
        time.sleep(0.5)
    finally:
        stop.set()
        thread.join()
    after_load = [browser.get(path).status for path in pages]

    assert after_idle == [200] * len(pages), after_idle
    assert after_load == [200] * len(pages), after_load
    assert during, "requests were made while PostgreSQL restarted"
    response, _ = browser.submit("/accounts/password_reset/", "email", email="coordinator1@example.org")
    assert response.status == 200
    wait_until(lambda: mails_to(shape, "coordinator1@example.org"), timeout=60, what="the reset mail after the restart")


IN_FLIGHT = "in-flight@example.org"
NOTIFY_IN_FLIGHT = f"""
from icm_portal.outbox.services import notify
context = {{"email": "{IN_FLIGHT}", "domain": "portal", "protocol": "https", "uid": "MQ", "token": "t"}}
notify(to_email="{IN_FLIGHT}", template="password_reset", context=context, event_key="in-flight")
"""


@pytest.mark.parametrize("role", [None, "coordinator", "ir_staff"])
def test_redis_stopped_every_main_page_and_form_works_and_the_mails_go_out_when_it_returns(shape, role):
    shape.env["OUTBOX_SWEEP_PERIOD_SECONDS"] = "5"
    shape.env["OUTBOX_RETRY_BASE_SECONDS"] = "2"  # the mail held below is refused (451) and tried again
    started(shape)
    # Stopped while the worker holds a mail it has not acknowledged (the mail server holds it at RCPT):
    # kombu's own Redis transport then stops the worker for good (see icm_portal/broker.py).
    shape.smtp.hold_address = IN_FLIGHT
    shape.shell(NOTIFY_IN_FLIGHT)
    wait_until(lambda: outbox_statuses(shape, [IN_FLIGHT]) == {IN_FLIGHT: "sending"}, timeout=30, what="a mail in hand")
    shape.redis.stop()
    shape.smtp.released.set()  # sent while Redis is away: its acknowledgement cannot reach Redis

    browser = WebClient(shape.url)
    if role:
        browser.log_in(*ACCOUNTS[role])
    slowest = 0.0
    for path in main_pages(browser, role):
        began = time.monotonic()
        page = browser.get(path)
        slowest = max(slowest, time.monotonic() - began)
        assert page.status == 200, (role, path, page.status, page.text[:1500])
    assert slowest < 5, f"a page took {slowest:.1f}s with Redis down"

    address = f"redis-down-{role or 'anonymous'}@example.org"
    assert register(browser, address).status == 200
    reset, _ = browser.submit("/accounts/password_reset/", "email", email="coordinator2@example.org")
    assert reset.status == 200
    registered = shape.cluster.sql(
        shape.dbname, "SELECT count(*) FROM applications_pendingregistration WHERE email = %s", (address,)
    )
    assert registered == [(1,)]
    statuses = outbox_statuses(shape, [address, "coordinator2@example.org"])
    assert set(statuses) == {address, "coordinator2@example.org"}
    assert set(statuses.values()) == {"pending"}
    assert mails_to(shape, address) == []

    shape.redis.start()  # empty: the tasks queued before it stopped are gone, the sweep finds the rows

    wait_until(lambda: mails_to(shape, address), timeout=150, what="the confirmation mail after Redis returned")
    wait_until(lambda: mails_to(shape, "coordinator2@example.org"), timeout=30, what="the reset mail")
    wait_until(lambda: mails_to(shape, IN_FLIGHT), timeout=60, what="the mail in flight, tried again")
    time.sleep(6)  # a sweep more: nothing is sent twice
    assert len(mails_to(shape, address)) == 1
    assert len(mails_to(shape, IN_FLIGHT)) == 1


BATCH = 200
HELD = "held@example.org"
NOTIFY_BATCH = f"""
from icm_portal.outbox.services import notify
for i in range({BATCH}):
    to = "{HELD}" if i == {BATCH // 2} else f"person{{i:03d}}@example.org"
    context = {{"email": to, "domain": "portal", "protocol": "https", "uid": "MQ", "token": "t"}}
    notify(to_email=to, template="password_reset", context=context, event_key=f"batch-{{i}}")
"""


def test_worker_killed_in_the_middle_of_a_batch_every_mail_arrives_exactly_once(shape):
    """kill -9 of the worker and its pool while it sends the 101st of 200 mails: the mail server has not
    accepted it yet (held at RCPT). The row stays 'sending'; the sweep resends it within the timeout."""
    shape.cluster.sql(shape.dbname, "DELETE FROM outbox_message")  # the demo's own mails: not counted here
    shape.smtp.hold_address = HELD
    shape.beat()
    worker = shape.worker(name="doomed", concurrency=1)
    shape.shell(NOTIFY_BATCH)

    wait_until(shape.smtp.holding.is_set, timeout=120, what="the worker sending the held mail")
    worker.kill()
    killed_at = time.monotonic()
    delivered_before = len(shape.smtp.recipients())
    assert outbox_statuses(shape, [HELD])[HELD] == "sending"
    shape.smtp.released.set()
    shape.worker(name="replacement", concurrency=2)

    wait_until(lambda: len(shape.smtp.recipients()) >= BATCH, timeout=180, what=f"{BATCH} mails")
    resent_after = time.monotonic() - killed_at
    time.sleep(3)  # anything sent twice would arrive now
    counts = Counter(shape.smtp.recipients())
    assert len(counts) == BATCH and set(counts.values()) == {1}, [to for to, n in counts.items() if n > 1]
    assert 0 < delivered_before < BATCH
    rows = shape.cluster.sql(shape.dbname, "SELECT status, count(*) FROM outbox_message GROUP BY status")
    assert rows == [("sent", BATCH)]
    [(attempts,)] = shape.cluster.sql(shape.dbname, "SELECT attempts FROM outbox_message WHERE to_email = %s", (HELD,))
    assert attempts == 2
    timeout = float(shape.env["OUTBOX_SENDING_TIMEOUT_SECONDS"]) + float(shape.env["OUTBOX_SWEEP_PERIOD_SECONDS"])
    assert resent_after < timeout + 20, f"resent {resent_after:.0f}s after the kill"
    print(f"{delivered_before} of {BATCH} sent before the kill; all {BATCH} once, {resent_after:.1f}s after it")


def test_a_mail_server_slower_than_a_delivery_may_take_the_attempt_is_retried_and_arrives_once(shape):
    """A slow but living worker: its attempt is stopped at the time limit, before the sweep could take
    the row for abandoned, so no second worker sends it meanwhile."""
    shape.smtp.hold_address = "slow@example.org"
    shape.beat(), shape.worker(concurrency=1)
    code = (
        "from icm_portal.outbox.services import notify\n"
        "for to in ['slow@example.org', 'after@example.org']:\n"
        "    notify(to_email=to, template='password_reset', event_key='slow-' + to,\n"
        "           context={'email': to, 'domain': 'portal', 'protocol': 'https', 'uid': 'MQ', 'token': 't'})\n"
    )
    shape.shell(code)

    def stopped_at_the_limit():
        query = "SELECT last_error FROM outbox_message WHERE to_email = 'slow@example.org'"
        return "SoftTimeLimitExceeded" in shape.cluster.sql(shape.dbname, query)[0][0]

    wait_until(stopped_at_the_limit, timeout=60, what="the slow attempt stopped at its time limit")
    shape.smtp.released.set()

    wait_until(lambda: mails_to(shape, "slow@example.org"), timeout=60, what="the slow mail")
    wait_until(lambda: mails_to(shape, "after@example.org"), timeout=30, what="the mail after it")
    time.sleep(3)
    assert len(mails_to(shape, "slow@example.org")) == 1
    statuses = outbox_statuses(shape, ["slow@example.org", "after@example.org"])
    assert statuses == {"slow@example.org": "sent", "after@example.org": "sent"}


def _answered(browser, path):
    try:
        return browser.get(path)
    except OSError:
        return None
