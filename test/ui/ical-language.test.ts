// The iCalendar tokenizer behind the editor's highlighting: each part of a content line gets its
// own token type, folded lines stay values, and nothing a user can type makes it loop.
import { describe, expect, it } from 'vitest';
import { StringStream } from '@codemirror/language';
import { icalParser } from '../../ui/lib/ical-language.ts';

/** [text, token] pairs for a document, line by line, as CodeMirror would ask. */
function tokens(doc: string): [string, string | null][] {
  const state = icalParser.startState!(2);
  const out: [string, string | null][] = [];
  for (const line of doc.split('\n')) {
    const stream = new StringStream(line, 4, 2);
    let guard = 0;
    while (!stream.eol()) {
      if (++guard > line.length + 1) throw new Error(`no progress on ${JSON.stringify(line)}`);
      stream.start = stream.pos;
      const type = icalParser.token(stream, state);
      out.push([stream.current(), type]);
    }
  }
  return out;
}

describe('the iCalendar highlighter', () => {
  it('marks BEGIN/END and the component, property names, parameters and values', () => {
    const t = tokens('BEGIN:VEVENT\nDTSTART;TZID="Europe/Paris";VALUE=DATE-TIME:20250610T120000\nSUMMARY:Team, meeting\nEND:VEVENT');
    expect(t).toEqual([
      ['BEGIN', 'keyword'], [':', 'punctuation'], ['VEVENT', 'typeName'],
      ['DTSTART', 'propertyName'], [';', 'punctuation'], ['TZID', 'attributeName'], ['=', 'operator'], ['"Europe/Paris"', 'attributeValue'],
      [';', 'punctuation'], ['VALUE', 'attributeName'], ['=', 'operator'], ['DATE-TIME', 'attributeValue'], [':', 'punctuation'], ['20250610T120000', 'string'],
      ['SUMMARY', 'propertyName'], [':', 'punctuation'], ['Team, meeting', 'string'],
      ['END', 'keyword'], [':', 'punctuation'], ['VEVENT', 'typeName'],
    ]);
  });

  it('keeps a folded continuation line in the value', () => {
    expect(tokens('DESCRIPTION:a long\n  continued text').slice(-1)).toEqual([['  continued text', 'string']]);
  });

  it('always advances, whatever the line holds', () => {
    for (const line of [':', ';;==', '"', 'X;A="unclosed', '\u00e9\u00e8', '===:::', 'BEGIN', 'END:']) {
      expect(() => tokens(line)).not.toThrow();
    }
  });
});
