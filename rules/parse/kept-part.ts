// What can be read of a body cut at the capture cap. keptXml and keptIcal keep only what is whole
// (the root's complete children; complete lines and components) so rules that opt in judge facts
// that are really there; closeTruncatedXml closes everything still open, for the page's partial
// pretty view. Pure.

/** The XML text reduced to its root's start tag and complete children, the root closed again;
 *  undefined when no child is complete. */
export function keptXml(text: string): string | undefined {
  const tag = /<(\/?)([^\s>/!?]+)[^>]*?(\/?)>|<[!?][^>]*>/g;
  let depth = 0;
  let root: string | undefined;
  let lastWhole = -1;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[2] === undefined) continue; // a declaration, comment or processing instruction
    if (m[1]) {
      depth--;
      if (depth === 1) lastWhole = m.index + m[0].length;
      if (depth === 0) return text; // the root closed: nothing was cut
    } else if (!m[3]) {
      if (depth === 0) root = m[2];
      depth++;
    } else if (depth === 1) lastWhole = m.index + m[0].length;
  }
  if (root === undefined || lastWhole < 0) return undefined;
  return `${text.slice(0, lastWhole)}</${root}>`;
}

/** The iCalendar text reduced to its complete lines and the VCALENDAR's complete components,
 *  VCALENDAR closed again; undefined when no component is complete. */
export function keptIcal(text: string): string | undefined {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return undefined;
  const lines = text.slice(0, lastBreak + 1);
  const eol = lines.includes('\r\n') ? '\r\n' : '\n';
  const line = /^(BEGIN|END):([A-Za-z0-9-]+)\r?$/gm;
  let depth = 0;
  let lastWhole = -1;
  for (let m = line.exec(lines); m; m = line.exec(lines)) {
    if (m[1]!.toUpperCase() === 'BEGIN') depth++;
    else {
      depth--;
      if (depth === 0) return text; // VCALENDAR closed: nothing was cut
      if (depth === 1) lastWhole = m.index + m[0].length;
    }
  }
  if (lastWhole < 0) return undefined;
  const end = lines.indexOf('\n', lastWhole) + 1;
  return `${lines.slice(0, end > 0 ? end : lastWhole)}END:VCALENDAR${eol}`;
}

/** The text with its open elements closed, or undefined when nothing complete is left. */
export function closeTruncatedXml(text: string): string | undefined {
  const tag = /<(\/?)([^\s>/!?]+)[^>]*?(\/?)>|<[!?][^>]*>/g;
  const open: string[] = [];
  let end = -1;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    end = m.index + m[0].length;
    if (m[2] === undefined) continue; // a declaration, comment or processing instruction
    if (m[1]) open.pop();
    else if (!m[3]) open.push(m[2]);
  }
  if (end < 0 || open.length === 0 && end === text.length) return end < 0 ? undefined : text;
  return text.slice(0, end) + open.reverse().map((name) => `</${name}>`).join('');
}
