// The usage of `davscope replay serve` and `replay send`, apart from the commands so that
// `davscope replay --help` prints it without loading them.
export const REPLAY_USAGE = `Usage:
  davscope replay serve FILE [--port N] [--host ADDR] [--ui-port N] [--ui-host ADDR] [--fault NAME] [--faults FILE] [--strict] [--quiet]
      Answer the requests recorded in FILE (a davscope recording) without any upstream, with
      the inspector: each answer is linked to the recorded exchange it came from, and a miss
      lists the nearest recorded candidates.
      Requests match on method, request-target, Depth, Content-Type and body (XML by meaning,
      iCalendar without DTSTAMP and line folding); identical requests get their recorded
      answers in order, the last one repeating. A request that matches nothing gets a 502
      naming the nearest recorded candidates and how they differ.
      --port N      port to listen on (default 8090; 0 picks a free one)
      --host ADDR   address to listen on (default 127.0.0.1)
      --ui-port N   the inspector's port (default 8091; 0 picks a free one)
      --ui-host ADDR  the inspector's address (default 127.0.0.1)
      --fault NAME  turn on a preset fault in front of the replay (repeatable; davscope faults)
      --faults FILE faults of your own (JSON; see davscope --help)
      --strict      exit with code 1 at the first unmatched request (for CI)
      --quiet       no line per request

  davscope replay send FILE --target URL [--format text|json|markdown] [--auth USER:PASSWORD] [--insecure]
      Re-send the client side of FILE to another server, in order, with hrefs rebased from the
      recorded base to URL's and the ETags and sync tokens the client had learned replaced by
      the new server's, then print a side-by-side report. Exits 1 when the servers differ.
      --auth U:P    Basic credentials to send (recordings hold redacted ones)
      --insecure    accept an upstream TLS certificate that does not verify
`;
