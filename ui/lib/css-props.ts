// Sets inline style properties through the CSSOM, which a strict Content-Security-Policy allows;
// lit's styleMap writes a style="" attribute on first render, which `style-src 'self'` blocks.
import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssProps extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssProps goes on an element: <div ${cssProps({...})}>');
  }

  render(_props: Readonly<Record<string, string>>) {
    return noChange;
  }

  update(part: ElementPart, [props]: [Readonly<Record<string, string>>]) {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    return noChange;
  }
}

export const cssProps = directive(CssProps);
