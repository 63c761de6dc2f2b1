// Regenerates rules/README.md from the registry: npx tsx test/rules/write-catalogue.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCatalogue } from '../../rules/catalogue-page.ts';
import { allRules } from '../../rules/registry.ts';

const target = fileURLToPath(new URL('../../rules/README.md', import.meta.url));
writeFileSync(target, renderCatalogue(allRules));
console.log(`wrote ${target} (${allRules.length} rules)`);
