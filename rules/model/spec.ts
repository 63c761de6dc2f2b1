// Spec references rendered as links to the RFC editor, with section anchors.
import type { SpecRef } from './exchange.ts';

export function rfc(num: number, section?: string): SpecRef {
  const base = `https://www.rfc-editor.org/rfc/rfc${num}`;
  return section
    ? { spec: `RFC ${num}`, section, url: `${base}#${/^[A-Z]/.test(section) ? 'appendix' : 'section'}-${section.replace(/^Appendix\s+/i, '')}` }
    : { spec: `RFC ${num}`, url: base };
}
