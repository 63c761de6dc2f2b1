#!/usr/bin/python3
"""python3-caldav (Debian's 0.11) creating an event and then editing it, for the fault tests.
Prints "CREATED <path>", then "UPDATED" or "FAILED <ErrorClass>: <message>".
Usage: /usr/bin/python3 edit_event.py BASE_URL USER PASSWORD CAL_ID UID"""
import sys
import caldav
from calendar_client import calendar, event_ics

base, user, pw, cal_id, uid = sys.argv[1:6]
cal = calendar(base, user, pw, cal_id)
event = cal.save_event(event_ics(uid, "first"))
print(f"CREATED {event.url.path}", flush=True)
event.load()
event.instance.vevent.summary.value = "second"
try:
    event.save()
    print("UPDATED", flush=True)
except caldav.lib.error.DAVError as e:
    print(f"FAILED {type(e).__name__}: {str(e)[:160]}", flush=True)
    sys.exit(1)
