#!/usr/bin/python3
"""python3-caldav saving one event, for the intercept tests: makes (or finds) a calendar, then
save_event with the given UID and SUMMARY. Prints "SAVED <path>" or "FAILED <error>".
Usage: /usr/bin/python3 save_event.py BASE_URL USER PASSWORD CAL_ID UID SUMMARY"""
import sys
import caldav

base, user, pw, cal_id, uid, summary = sys.argv[1:7]
client = caldav.DAVClient(url=base.rstrip("/") + "/", username=user, password=pw)
principal = client.principal()
try:
    cal = principal.make_calendar(name=cal_id, cal_id=cal_id)
except caldav.lib.error.MkcalendarError:
    # made by an earlier run: 409 resource-must-be-null
    cal = principal.calendar(cal_id=cal_id)
ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//tests//EN\r\nBEGIN:VEVENT\r\n"
       f"UID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\n"
       f"SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
try:
    event = cal.save_event(ics)
    print(f"SAVED {event.url.path}", flush=True)
except Exception as e:
    print(f"FAILED {type(e).__name__}: {str(e)[:200]}", flush=True)
    sys.exit(1)
