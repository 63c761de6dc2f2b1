// A truncated XML body made whole enough to show: cut after its last complete tag, then the
// elements still open are closed. Only for the pretty view of a body cut at --max-body, which the
// page marks as partial. Pure.

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
