/**
 * Stage: build tooling — `npm run generate`. Input: OpenCC's dictionaries (opencc-js, the pinned version) → the
 * generated data modules under src/ (today: src/normalize/script-sets.data.ts, the Simplified-only and
 * Traditional-only characters). Run it after upgrading opencc-js; tests/script-sets.test.ts fails until you do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeScriptSets, scriptSetsModule } from '../normalize/script-sets.ts';
import { PACKAGE_ROOT } from '../world.ts';

const openccVersion = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'node_modules/opencc-js/package.json'), 'utf8')) as { version: string }).version;
const target = path.join(PACKAGE_ROOT, 'src/normalize/script-sets.data.ts');
writeFileSync(target, scriptSetsModule(computeScriptSets(), openccVersion));
process.stdout.write(`已写入 ${path.relative(process.cwd(), target)}\n`);
