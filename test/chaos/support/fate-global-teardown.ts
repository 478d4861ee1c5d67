import { rmSync } from 'node:fs';
import { FATE_FILE_ENV, fateViolations, formatFateTable, readFates } from './fate-table.js';

/**
 * Jest global teardown of `npm run test:chaos`: prints every scenario's row as one table (paste it into
 * test/chaos/README.md), then removes the run's fate file. A row breaking an invariant is marked BROKEN; the
 * scenario's own assertions have failed the run already.
 */
export default function fateGlobalTeardown(): void {
  const file = process.env[FATE_FILE_ENV];
  if (file === undefined || file === '') return;
  const rows = readFates(file);
  rmSync(file, { force: true });
  const broken = rows.filter((row) => fateViolations(row).length > 0).length;
  process.stdout.write(
    `\nChaos fate table (${rows.length} scenario(s), ${broken} broken):\n\n${formatFateTable(rows)}\n\n`,
  );
}
