// Flags If-None-Match or If-Match sent as "*" in quotes, an ordinary entity tag rather than the wildcard.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: 'http/if-none-match-star-quoted',
  severity: 'error',
  party: 'client',
  docs: {
    summary: 'The wildcard of If-None-Match and If-Match is a bare *, never "*" in quotes.',
    specs: [rfc(9110, '13.1.1'), rfc(9110, '13.1.2')],
    details:
      '"*" with quotes is an ordinary entity tag whose value is the character *. With If-None-Match the "create only" guard is ' +
      'silently off (the request overwrites whatever is there); with If-Match the request can never match. Seen in ' +
      'owncloud-archive/calendar#716, where a PHP client sent If-none-match: "*".',
  },
  messages: {
    quoted: { message: '{header}: "*" is a quoted entity tag, not the wildcard', fix: 'Send {header}: * without quotes.' },
  },
  check(view) {
    const out = [];
    for (const header of ['If-None-Match', 'If-Match'])
      if (view.reqHeaders(header).some((v) => v.trim() === '"*"')) out.push({ messageId: 'quoted' as const, data: { header }, location: { side: 'request' as const, header } });
    return out;
  },
});
