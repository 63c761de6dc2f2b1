#!/usr/bin/python3
"""python3-caldav (Debian's 0.11) syncing a calendar twice with sync-collection (RFC 6578): an
initial sync, one new event, then an incremental sync with the token. Prints one line per step and
"FAILED <ErrorClass>" when the library raises. For the sync fault tests.
Usage: /usr/bin/python3 sync_twice.py BASE_URL USER PASSWORD CAL_ID"""
import sys
import caldav
from calendar_client import calendar, event_ics

base, user, pw, cal_id = sys.argv[1:5]
cal = calendar(base, user, pw, cal_id)
first = cal.objects_by_sync_token()
print(f"INITIAL {len(list(first))}", flush=True)
cal.save_event(event_ics("sync-new@davscope", "new"))
try:
    second = cal.objects_by_sync_token(sync_token=first.sync_token)
    print(f"INCREMENTAL {len(list(second))}", flush=True)
except caldav.lib.error.DAVError as e:
    print(f"FAILED {type(e).__name__}", flush=True)
    sys.exit(1)
