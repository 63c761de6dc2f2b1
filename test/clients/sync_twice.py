#!/usr/bin/python3
"""python3-caldav (Debian's 0.11) syncing a calendar twice with sync-collection (RFC 6578): an
initial sync, one new event, then an incremental sync with the token. Prints one line per step and
"FAILED <ErrorClass>" when the library raises. For the sync fault tests.
Usage: /usr/bin/python3 sync_twice.py BASE_URL USER PASSWORD CAL_ID"""
import sys
import caldav

base, user, pw, cal_id = sys.argv[1:5]
client = caldav.DAVClient(url=base.rstrip("/") + "/", username=user, password=pw)
principal = client.principal()
try:
    cal = principal.make_calendar(name=cal_id, cal_id=cal_id)
except caldav.lib.error.MkcalendarError:
    cal = principal.calendar(cal_id=cal_id)
first = cal.objects_by_sync_token()
print(f"INITIAL {len(list(first))}", flush=True)
cal.save_event("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//tests//EN\r\nBEGIN:VEVENT\r\nUID:sync-new@davscope\r\n"
               "DTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nSUMMARY:new\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
try:
    second = cal.objects_by_sync_token(sync_token=first.sync_token)
    print(f"INCREMENTAL {len(list(second))}", flush=True)
except caldav.lib.error.DAVError as e:
    print(f"FAILED {type(e).__name__}", flush=True)
    sys.exit(1)
