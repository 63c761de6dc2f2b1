// The XML layer's public surface: namespace-aware parsing and Clark-name look-ups.
export * from './namespaces.ts';
export * from './parse-xml.ts';
export * from './query.ts';
