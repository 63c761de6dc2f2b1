// iCalendar highlighting for the code editor: a CodeMirror stream parser for content lines
// (RFC 5545 §3.1): BEGIN/END and their component, property names, parameters, values, folding.
import { StreamLanguage, type StreamParser } from '@codemirror/language';

export interface IcalState {
  /** Where on the content line the stream is. */
  part: 'name' | 'component' | 'after-name' | 'param' | 'param-value' | 'value';
}

export const icalParser: StreamParser<IcalState> = {
  name: 'icalendar',
  startState: () => ({ part: 'name' }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (stream.sol()) {
      // A line starting with a space or tab continues the previous line's value (folding).
      if (stream.peek() === ' ' || stream.peek() === '\t') {
        stream.skipToEnd();
        return state.part === 'value' ? 'string' : null;
      }
      state.part = 'name';
    }
    switch (state.part) {
      case 'name':
        if (stream.match(/^(BEGIN|END)(?=:)/i)) {
          state.part = 'component';
          return 'keyword';
        }
        if (stream.match(/^[A-Za-z0-9-]+/)) {
          state.part = 'after-name';
          return 'propertyName';
        }
        stream.next();
        return 'invalid';
      case 'component':
        if (stream.eat(':')) return 'punctuation';
        stream.skipToEnd();
        return 'typeName';
      case 'param':
        if (stream.match(/^[A-Za-z0-9-]+/)) return 'attributeName';
        if (stream.eat('=')) {
          state.part = 'param-value';
          return 'operator';
        }
        break;
      case 'param-value':
        if (stream.match(/^"[^"]*"/) || stream.match(/^[^;:,"]+/)) return 'attributeValue';
        if (stream.eat(',')) return 'punctuation';
        break;
      case 'value':
        stream.skipToEnd();
        return 'string';
    }
    if (stream.eat(';')) {
      state.part = 'param';
      return 'punctuation';
    }
    if (stream.eat(':')) {
      state.part = 'value';
      return 'punctuation';
    }
    stream.next();
    return null;
  },
};

export const icalLanguage = StreamLanguage.define(icalParser);
