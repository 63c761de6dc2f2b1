"""The README's pytest example: a fixture that serves a davscope recording as a CalDAV server
(`davscope replay serve` on a free port, as a subprocess) and a test that talks to it with
python3-caldav. Run by test/examples/pytest-example.test.ts with DAVSCOPE and RECORDING set."""
import os, re, subprocess, sys
import caldav
import pytest


@pytest.fixture
def caldav_fixture_server():
    proc = subprocess.Popen(
        [os.environ.get("DAVSCOPE", "davscope"), "replay", "serve", os.environ["RECORDING"], "--port", "0", "--ui-port", "0", "--strict", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = None
    for line in proc.stdout:
        m = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        if m:
            url = m.group(1)
            break
    assert url, proc.stderr.read()
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_the_recorded_calendar_answers_as_recorded(caldav_fixture_server):
    client = caldav.DAVClient(url=caldav_fixture_server + "/", username="alice", password="secret")
    principal = client.principal()
    assert principal.url.path == "/alice/"
    calendar = principal.make_calendar(name="Session calendar", cal_id="session")
    assert calendar.url.path == "/alice/session/"
