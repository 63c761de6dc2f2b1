"""The start the fault and intercept client scripts share: python3-caldav (Debian's 0.11) logged in,
and a calendar made on first use (a later run finds it: MKCALENDAR answers 409 resource-must-be-null)."""
import caldav


def calendar(base, user, pw, cal_id):
    client = caldav.DAVClient(url=base.rstrip("/") + "/", username=user, password=pw)
    principal = client.principal()
    try:
        return principal.make_calendar(name=cal_id, cal_id=cal_id)
    except caldav.lib.error.MkcalendarError:
        return principal.calendar(cal_id=cal_id)


def event_ics(uid, summary):
    """One VEVENT in a VCALENDAR, CRLF line ends (RFC 5545)."""
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//davscope//tests//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250610T120000Z\r\nDTEND:20250610T130000Z\r\n"
            f"SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
