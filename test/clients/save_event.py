#!/usr/bin/python3
"""python3-caldav saving one event, for the intercept tests: makes (or finds) a calendar, then
save_event with the given UID and SUMMARY. Prints "SAVED <path>" or "FAILED <error>".
Usage: /usr/bin/python3 save_event.py BASE_URL USER PASSWORD CAL_ID UID SUMMARY"""
import sys
from calendar_client import calendar, event_ics

base, user, pw, cal_id, uid, summary = sys.argv[1:7]
cal = calendar(base, user, pw, cal_id)
try:
    event = cal.save_event(event_ics(uid, summary))
    print(f"SAVED {event.url.path}", flush=True)
except Exception as e:
    print(f"FAILED {type(e).__name__}: {str(e)[:200]}", flush=True)
    sys.exit(1)
