#!/usr/bin/python3
"""A second python3-caldav (Debian's caldav 0.11) session for davscope's corpus, against Radicale with
htpasswd auth: a task list, tasks, a weekly recurring event in a named time zone (VTIMEZONE included),
an expanded date search, sync-token synchronisation, a multiget, then clean-up.
Usage: /usr/bin/python3 caldav_extra.py BASE_URL USER PASSWORD"""
import sys, datetime
import caldav

base = sys.argv[1].rstrip("/")
client = caldav.DAVClient(url=base + "/", username=sys.argv[2], password=sys.argv[3])

def out(msg):
    print(msg, flush=True)

principal = client.principal()
out(f"principal path = {principal.url.path}")
tasks = principal.make_calendar(name="Tasks", cal_id="tasks", supported_calendar_component_set=["VTODO"])
out(f"task list = {tasks.url.path}")
cal = principal.make_calendar(name="Meetings", cal_id="meetings")

TZ = ("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
      "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\n"
      "TZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")

def todo(uid, summary, due):
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//corpus//EN\r\nBEGIN:VTODO\r\nUID:{uid}\r\n"
            f"DTSTAMP:20250101T000000Z\r\nDUE:{due}\r\nSUMMARY:{summary}\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")

t1 = tasks.save_todo(todo("task1@davscope", "Write the report", "20250620T170000Z"))
t2 = tasks.save_todo(todo("task2@davscope", "Book the room", "20250621T170000Z"))
out(f"todos -> {sorted(t.instance.vtodo.summary.value for t in tasks.todos())}")
t1.complete()
out(f"pending after complete -> {sorted(t.instance.vtodo.summary.value for t in tasks.todos())}")

weekly = cal.save_event(
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//corpus//EN\r\n" + TZ +
    "BEGIN:VEVENT\r\nUID:weekly@davscope\r\nDTSTAMP:20250101T000000Z\r\nDTSTART;TZID=Europe/Paris:20250602T093000\r\n"
    "DTEND;TZID=Europe/Paris:20250602T100000\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\nSUMMARY:Weekly sync\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:weekly@davscope\r\nDTSTAMP:20250101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Paris:20250609T093000\r\n"
    "DTSTART;TZID=Europe/Paris:20250609T110000\r\nDTEND;TZID=Europe/Paris:20250609T113000\r\nSUMMARY:Weekly sync (moved)\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n")
allday = cal.save_event(
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//corpus//EN\r\nBEGIN:VEVENT\r\nUID:allday@davscope\r\n"
    "DTSTAMP:20250101T000000Z\r\nDTSTART;VALUE=DATE:20250614\r\nDTEND;VALUE=DATE:20250615\r\nSUMMARY:Holiday\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n")

sync = cal.objects_by_sync_token()
out(f"initial sync -> {len(list(sync))} objects")

expanded = cal.date_search(start=datetime.datetime(2025, 6, 1), end=datetime.datetime(2025, 6, 30), expand=True)
out(f"expanded June -> {len(expanded)} objects")

later = cal.save_event(
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//corpus//EN\r\nBEGIN:VEVENT\r\nUID:later@davscope\r\n"
    "DTSTAMP:20250101T000000Z\r\nDTSTART:20250701T080000Z\r\nDURATION:PT1H\r\nSUMMARY:Later\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
allday.delete()
changes = cal.objects_by_sync_token(sync_token=sync.sync_token, load_objects=True)
out(f"incremental sync -> {len(list(changes))} changes")

got = cal.calendar_multiget([weekly.url, later.url])
out(f"multiget -> {sorted(str(e.instance.vevent.uid.value) for e in got)}")

tasks.delete()
cal.delete()
out(f"calendars left -> {len(principal.calendars())}")
out("SESSION OK")
