// The inspector's keyboard: which key does what, apart from where focus is. Pure, so the table the
// "?" help shows and the handler cannot drift apart.

export type KeyAction = 'focus-filter' | 'clear-filter' | 'next' | 'previous' | 'next-finding' | 'previous-finding' | 'first' | 'last' | 'open' | 'help';

export const KEYS: readonly { readonly keys: string; readonly action: KeyAction; readonly what: string }[] = [
  { keys: '/', action: 'focus-filter', what: 'search: focus the filter text' },
  { keys: 'Esc', action: 'clear-filter', what: 'in the filter bar: clear the filter and go back to the list' },
  { keys: 'j or ↓', action: 'next', what: 'next exchange' },
  { keys: 'k or ↑', action: 'previous', what: 'previous exchange' },
  { keys: 'n', action: 'next-finding', what: 'next exchange with findings' },
  { keys: 'N', action: 'previous-finding', what: 'previous exchange with findings' },
  { keys: 'Home / End', action: 'first', what: 'first / last exchange' },
  { keys: 'Enter', action: 'open', what: 'open the selected exchange' },
  { keys: '?', action: 'help', what: 'show or hide these keys' },
];

/** What a key does; `inInput` when focus is in a text field, where only Esc acts. */
export function keyAction(key: string, inInput: boolean): KeyAction | undefined {
  if (inInput) return key === 'Escape' ? 'clear-filter' : undefined;
  switch (key) {
    case '/':
      return 'focus-filter';
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'n':
      return 'next-finding';
    case 'N':
      return 'previous-finding';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Enter':
      return 'open';
    case '?':
      return 'help';
    default:
      return undefined;
  }
}
