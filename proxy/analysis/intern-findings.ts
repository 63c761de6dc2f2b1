// Findings come back from the analysis worker as fresh copies, so ten thousand stored exchanges
// would hold ten thousand copies of the same explanation, fix and spec list. Interning shares them.
import type { Finding, SpecRef } from '../../rules/model/exchange.ts';

const MAX_ENTRIES = 20_000;

export class FindingInterner {
  private readonly strings = new Map<string, string>();
  private readonly specs = new Map<string, readonly SpecRef[]>();

  private string(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size >= MAX_ENTRIES) this.strings.clear();
    this.strings.set(s, s);
    return s;
  }

  private specList(list: readonly SpecRef[]): readonly SpecRef[] {
    const key = list.map((s) => s.url).join(' ');
    const known = this.specs.get(key);
    if (known) return known;
    if (this.specs.size >= MAX_ENTRIES) this.specs.clear();
    this.specs.set(key, list);
    return list;
  }

  intern(findings: readonly Finding[]): Finding[] {
    return findings.map((f) => ({
      ...f,
      ruleId: this.string(f.ruleId),
      messageId: this.string(f.messageId),
      explanation: this.string(f.explanation),
      fix: this.string(f.fix),
      specs: this.specList(f.specs),
    }));
  }
}
