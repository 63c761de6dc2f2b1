#!/usr/bin/python3
"""python3-caldav (Debian's 0.11) creating an event and then editing it, for the fault tests.
Prints "CREATED <path>", then "UPDATED" or "FAILED <ErrorClass>: <message>".
Usage: /usr/bin/python3 edit_event.py BASE_URL USER PASSWORD CAL_ID UID"""
import sys
import caldav

base, user, pw, cal_id, uid = sys.argv[1:6]
client = caldav.DAVClient(url=base.rstrip("/") + "/", username=user, password=pw)
principal = client.principal()
try:
    cal = principal.make_calendar(name=cal_id, cal_id=cal_id)
except caldav.lib.error.MkcalendarError:
    cal = principal.calendar(cal_id=cal_id)
ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//tests//EN\r\nBEGIN:VEVENT\r\n"
       f"UID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\n"
       "SUMMARY:first\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
event = cal.save_event(ics)
print(f"CREATED {event.url.path}", flush=True)
event.load()
event.instance.vevent.summary.value = "second"
try:
    event.save()
    print("UPDATED", flush=True)
except caldav.lib.error.DAVError as e:
    print(f"FAILED {type(e).__name__}: {str(e)[:160]}", flush=True)
    sys.exit(1)
