// The XML tree the parser (scan.ts) gives: element names resolved to Clark notation, failures
// returned as values, no DOCTYPE or entity processing beyond the five XML built-ins.
export interface XmlAttribute {
  /** Clark name; attributes without a prefix are in no namespace (Namespaces in XML §6.2). */
  readonly name: string;
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export interface XmlElement {
  readonly kind: 'element';
  /** Clark name, e.g. "{urn:ietf:params:xml:ns:caldav}calendar-query". */
  readonly name: string;
  readonly ns: string;
  readonly local: string;
  /** The prefix as written (undefined for an unprefixed name); for messages only, never for matching. */
  readonly prefix?: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  readonly root: XmlElement;
  /** Every namespace URI declared anywhere in the document, in order of first declaration. */
  readonly declaredNamespaces: readonly string[];
  /** A DOCTYPE was present; it was ignored (no entity from it was expanded). */
  readonly hasDoctype: boolean;
}

export interface XmlError {
  readonly message: string;
  readonly line?: number;
}

export type XmlParseResult = { readonly ok: true; readonly doc: XmlDocument } | { readonly ok: false; readonly error: XmlError };

