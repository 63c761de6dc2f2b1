// The public entry of the rule core: the exchange model, the engine, the rule catalogue and their types.
export type * from './model/exchange.ts';
export { getHeader, getHeaders, getHeaderList, hasHeader } from './model/headers.ts';
export { bodyText, bodySize, decodeUtf8, decodeUtf8Lenient, inspectableBytes } from './model/body.ts';
export { rfc } from './model/spec.ts';
export { parseMediaType, type MediaType } from './model/media-type.ts';
export { resourceKey } from './model/paths.ts';
export { createEngine, renderMessage, CRASH_RULE_ID, type Engine, type EngineOptions, type RuleStat, type DetailedFinding } from './engine/engine.ts';
export { ConfigError, validateConfig, closeMatches, type RuleConfig, type RuleSetting } from './engine/config.ts';
export { defineRule, type AnyRule, type Rule, type Report, type RuleDocs, type RuleMessage, type ReportData } from './engine/define-rule.ts';
export type { SessionContext, ResourceState } from './engine/session.ts';
export { ExchangeView, viewOf, type MultistatusEntry, type Propstat, type DavCondition, type Side } from './engine/view.ts';
export { parseXml } from './parse/xml/scan.ts';
export type { XmlDocument, XmlElement, XmlParseResult } from './parse/xml/tree.ts';
export { parseIcal, type IcalDocument, type IcalComponent, type IcalParseResult } from './parse/ical/parse.ts';
export { allRules } from './registry.ts';
export { renderCatalogue } from './catalogue-page.ts';
