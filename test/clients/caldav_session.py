#!/usr/bin/python3
"""A python3-caldav session (Debian's caldav 0.11) for davscope's tests: discover, create a calendar,
save events, search a date range, edit, delete. Prints one deterministic line per step, so a run
through the proxy can be compared line by line with a direct run.
Usage: /usr/bin/python3 caldav_session.py BASE_URL [USER PASSWORD]"""
import sys, datetime
import requests, caldav
from caldav.objects import Principal

base = sys.argv[1].rstrip("/")
user = sys.argv[2] if len(sys.argv) > 2 else None
pw = sys.argv[3] if len(sys.argv) > 3 else None

def out(msg):
    print(msg, flush=True)

client = caldav.DAVClient(url=base + "/", username=user, password=pw)
if user:
    principal = client.principal()
else:
    # Radicale without auth reports no current-user-principal: make and use a principal collection.
    r = requests.request("MKCOL", base + "/anon/")
    out(f"MKCOL principal -> {r.status_code}")
    principal = Principal(client, base + "/anon/")
out(f"principal path = {principal.url.path}")

cal = principal.make_calendar(name="Session calendar", cal_id="session")
out(f"calendar path = {cal.url.path}")

def ics(uid, start, summary):
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//tests//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n"
            f"DTSTAMP:20250101T000000Z\r\nDTSTART:{start}\r\nDTEND:{start[:9]}235900Z\r\nSUMMARY:{summary}\r\n"
            f"END:VEVENT\r\nEND:VCALENDAR\r\n")

e1 = cal.save_event(ics("ev1@davscope", "20250610T120000Z", "June meeting"))
e2 = cal.save_event(ics("ev2@davscope", "20250715T090000Z", "July review"))
e3 = cal.save_event(ics("ev3@davscope", "20240105T080000Z", "Old event"))
out(f"saved {sorted(e.url.path for e in (e1, e2, e3))}")

found = cal.date_search(start=datetime.datetime(2025, 6, 1), end=datetime.datetime(2025, 8, 1))
out(f"search summer 2025 -> {sorted(f.instance.vevent.summary.value for f in found)}")
miss = cal.date_search(start=datetime.datetime(2023, 1, 1), end=datetime.datetime(2023, 2, 1))
out(f"search Jan 2023 -> {len(miss)}")

e1.load()
e1.instance.vevent.summary.value = "June meeting (moved)"
e1.save()
e1b = cal.event_by_uid("ev1@davscope")
out(f"after edit -> {e1b.instance.vevent.summary.value}")

out(f"calendars -> {sorted(c.name for c in principal.calendars())}")
e2.delete()
out(f"events after delete -> {sorted(e.instance.vevent.uid.value for e in cal.events())}")
cal.delete()
try:
    cal.events()
    out("calendar still exists")
    sys.exit(1)
except caldav.lib.error.DAVError as e:
    out(f"calendar gone -> {type(e).__name__}")
out("SESSION OK")
