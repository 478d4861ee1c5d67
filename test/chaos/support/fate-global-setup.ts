import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FATE_FILE_ENV } from './fate-table.js';

/**
 * Jest global setup of `npm run test:chaos`: a fresh fate file for this run, named in the environment so
 * every scenario (in this process, or a worker it starts) appends its row to it.
 */
export default function fateGlobalSetup(): void {
  const file = join(tmpdir(), `naz-chaos-fates-${process.pid}-${Date.now()}.jsonl`);
  writeFileSync(file, '');
  process.env[FATE_FILE_ENV] = file;
}
