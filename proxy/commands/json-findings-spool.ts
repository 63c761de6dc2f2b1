// The findings of `lint --format json` spooled to a temporary file as they are found, so the one
// JSON object lint prints ({"exchanges": N, "findings": [...]}, N first) costs no memory per finding
// even on a 1 GB recording.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class JsonFindingsSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'davscope-lint-'));
  private readonly path = join(this.dir, 'findings.json-fragment');
  private readonly out: WriteStream = createWriteStream(this.path);
  private count = 0;

  async add(item: unknown): Promise<void> {
    // The array's interior exactly as JSON.stringify would write it: items joined by commas.
    const ok = this.out.write((this.count++ === 0 ? '' : ',') + JSON.stringify(item));
    if (!ok) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }

  /** Writes the whole object through `write` (which must wait for the output to take each piece). */
  async emit(exchanges: number, write: (s: string) => Promise<void>): Promise<void> {
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await write(`{"exchanges":${exchanges},"findings":[`);
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 })) await write(chunk as string);
    await write(']}\n');
  }

  dispose(): void {
    this.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
