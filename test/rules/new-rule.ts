// Starts a new rule: npm run new-rule -- <layer>/<id> [--severity error|warning|info] [--methods PUT,DELETE]
// Writes rules/<layer>/<id>.ts and test/rules/<layer>/<id>.test.ts from a template and adds the rule
// to rules/registry.ts in id order (npm run catalogue then regenerates rules/README.md). The template
// is meant to fail:
// the catalogue test wants a summary, a spec and details, and the rule test wants real cases, so
// nothing half-written passes CI. CONTRIBUTING.md walks through filling it in.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const LAYERS = ['http', 'webdav', 'caldav', 'ical', 'xml'];
const root = fileURLToPath(new URL('../../', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`new-rule: ${message}\nusage: npm run new-rule -- <layer>/<id> [--severity error|warning|info] [--methods PUT,DELETE]\n`);
  process.exit(2);
}

/** caldav/put-without-etag -> caldavPutWithoutEtag, the registry's import name. */
export function importName(ruleId: string): string {
  return ruleId.split(/[/-]/).map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1))).join('');
}

/** The registry source with the rule's import and list entry added, both in id order. */
export function addToRegistry(source: string, ruleId: string): string {
  const name = importName(ruleId);
  const importLine = `import ${name} from './${ruleId}.ts';`;
  const lines = source.split('\n');
  const imports = lines.flatMap((l, i) => (/^import \w+ from '\.\/[a-z]+\/[a-z0-9-]+\.ts';$/.test(l) ? [i] : []));
  if (imports.length === 0) throw new Error('rules/registry.ts has no rule imports to sort the new one among');
  const before = imports.find((i) => lines[i]! > importLine);
  lines.splice(before ?? imports[imports.length - 1]! + 1, 0, importLine);
  const open = lines.findIndex((l) => l.startsWith('export const allRules'));
  const close = lines.indexOf('];', open);
  const entries = lines.slice(open + 1, close).map((l) => l.trim().replace(/,$/, ''));
  entries.push(name);
  // The list is sorted by rule id; import names sort the same way as the ids they come from.
  const ids = new Map(entries.map((e) => [e, lines.find((l) => l.startsWith(`import ${e} from`))!.replace(/^.*'\.\/(.*)\.ts';$/, '$1')]));
  entries.sort((a, b) => (ids.get(a)! < ids.get(b)! ? -1 : 1));
  lines.splice(open + 1, close - open - 1, ...entries.map((e) => `  ${e},`));
  return lines.join('\n');
}

function ruleSource(id: string, severity: string, methods: string[]): string {
  return `// TODO one line: what this rule flags, and why it matters to a CalDAV client or server.
import { defineRule } from '../engine/define-rule.ts';
import { rfc } from '../model/spec.ts';

export default defineRule({
  id: '${id}',
  severity: '${severity}',
  // Whose fault its findings are: 'client', 'server', 'both', 'unknown', or 'by-side' (client on the
  // request, server on the response). TODO check it.
  party: 'client',
${methods.length ? `  methods: [${methods.map((m) => `'${m}'`).join(', ')}],\n` : ''}  docs: {
    // One sentence a user reads in the list; the catalogue test wants more than 10 characters.
    summary: '',
    // The RFC sections that make this a rule, e.g. rfc(4791, '5.3.2').
    specs: [] as ReturnType<typeof rfc>[],
    // What goes wrong in practice, which clients or servers were seen doing it.
    details: '',
  },
  messages: {
    // One message per distinct finding; {placeholders} are filled from a report's data.
    found: { message: 'TODO {method} {path}', fix: 'TODO what to change' },
  },
  check(view) {
    // Ask the view (rules/engine/view.ts says what it answers); never parse a body here.
    void view;
    return [];
  },
});
`;
}

function testSource(id: string): string {
  return `// Rule tests: TODO what the cases show.
import rule from '../../../rules/${id}.ts';
import { run } from '../tester.ts';
import { get } from '../factories.ts';

run(rule, {
  valid: [{ name: 'TODO an exchange the rule must pass', exchange: get() }],
  // Every message id needs an invalid case; this one fails until the rule reports it.
  invalid: [{ name: 'TODO an exchange the rule must flag', exchange: get(), findings: [{ messageId: 'found' }] }],
});
`;
}

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { severity: { type: 'string' }, methods: { type: 'string' } } });
  const id = positionals[0];
  if (!id || positionals.length !== 1) fail('give the rule id, e.g. caldav/put-without-etag');
  const [layer, name] = id.split('/');
  if (!layer || !LAYERS.includes(layer)) fail(`the layer is one of ${LAYERS.join(', ')}, not "${layer}"`);
  if (!name || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) fail(`the rule name is lower-case words joined by "-", not "${name}"`);
  const severity = values.severity ?? 'warning';
  if (!['error', 'warning', 'info'].includes(severity)) fail(`--severity is error, warning or info, not "${severity}"`);
  const methods = (values.methods ?? '').split(',').map((m) => m.trim().toUpperCase()).filter(Boolean);
  const rulePath = `${root}rules/${id}.ts`;
  const testPath = `${root}test/rules/${id}.test.ts`;
  if (existsSync(rulePath)) fail(`rules/${id}.ts exists already`);
  mkdirSync(dirname(testPath), { recursive: true });
  writeFileSync(rulePath, ruleSource(id, severity, methods));
  writeFileSync(testPath, testSource(id));
  const registry = `${root}rules/registry.ts`;
  writeFileSync(registry, addToRegistry(readFileSync(registry, 'utf8'), id));
  console.log(`wrote rules/${id}.ts and test/rules/${id}.test.ts, registered ${importName(id)} in rules/registry.ts`);
  console.log('next: fill in the docs, the messages and check(), write the cases, then npm run catalogue and npx vitest run test/rules');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
