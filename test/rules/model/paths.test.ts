// Resource keys: the session's name for a resource, whatever form the href came in.
import { describe, expect, it } from 'vitest';
import { rawPathOf, resourceKey } from '../../../rules/model/paths.ts';

describe('resourceKey', () => {
  it('gives one key for a path, its trailing-slash form, an absolute URL, and Xandikos\'s colon-encoded URL', () => {
    const key = '/user/calendars/calendar';
    for (const href of ['/user/calendars/calendar/', '/user/calendars/calendar', 'http://127.0.0.1:8080/user/calendars/calendar/', 'http%3A//127.0.0.1%3A8080/user/calendars/calendar/'])
      expect(resourceKey(href), href).toBe(key);
  });
  it('leaves an origin-form path with an encoded colon alone', () => {
    expect(rawPathOf('/a/http%3A//b/c')).toBe('/a/http%3A//b/c');
  });
});
