import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { SmscSimulator } from '../../lib/simulator/index.js';
import { ensureCliBuilt } from './support/build-cli.js';
import { removeTempDirs, runCli, tempDir, writeFile } from './support/cli-process.js';

const SECRET = 'pw4cli';
const env = { SMPP_PASSWORD: SECRET };

describe('naz-cli send against the SMSC simulator (real bin)', () => {
  let sim: SmscSimulator;
  let dir: string;
  const config = (extra: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: sim.port,
    systemId: 'cli',
    password: '${SMPP_PASSWORD}',
    defaults: { from: 'NAZ' },
    logMetadata: { app: 'e2e' },
    ...extra,
  });

  beforeAll(async () => {
    await ensureCliBuilt();
    sim = await SmscSimulator.start({
      port: 0,
      credentials: [{ system_id: 'cli', password: SECRET }],
      receipts: { delayMs: 100 },
    });
    dir = tempDir();
  }, 120_000);
  afterAll(async () => {
    await sim?.stop();
    removeTempDirs();
  });

  it('sends one message, prints its message id, and waits for its delivery receipt', async () => {
    writeFile(dir, 'one.json', config());
    const result = await runCli(
      [
        'send',
        '-c',
        'one.json',
        '--to',
        '254700000001',
        '--text',
        'Hello from naz-cli',
        '--correlation-id',
        'one-1',
      ],
      {
        cwd: dir,
        env,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const submitted = result.events.find((e) => e.msg === 'submitted');
    expect(submitted).toMatchObject({ correlationId: 'one-1', to: '254700000001', app: 'e2e' });
    expect(submitted!.messageIds).toHaveLength(1);
    const receipt = result.events.find((e) => e.msg === 'delivery receipt');
    expect(receipt).toMatchObject({
      correlationId: 'one-1',
      state: 'DELIVRD',
      messageId: (submitted!.messageIds as string[])[0],
    });
    expect(result.stdout).not.toContain(SECRET);
  });

  it('exits 7 when the receipt does not come in time', async () => {
    sim.setReceipts({ enabled: false });
    try {
      writeFile(dir, 'one.json', config());
      const result = await runCli(
        ['send', '-c', 'one.json', '--to', '254700000001', '--text', 'x', '--receipt-timeout', '300ms'],
        { cwd: dir, env },
      );
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 7, stderr: '' });
      expect(result.events.map((e) => e.msg)).toEqual(
        expect.arrayContaining(['submitted', 'no delivery receipt in time']),
      );
    } finally {
      sim.setReceipts({ enabled: true, delayMs: 100 });
    }
  });

  it('exits 6 when the SMSC rejects the single message', async () => {
    sim.setFaults({ queueFullEveryNth: 1 });
    try {
      writeFile(dir, 'reject.json', config({ retry: { transientStatuses: ['ESME_RTHROTTLED'] } }));
      const result = await runCli(
        ['send', '-c', 'reject.json', '--to', '254700000001', '--text', 'x', '--correlation-id', 'rej-1'],
        { cwd: dir, env },
      );
      expect(result.code).toBe(6);
      expect(result.events.find((e) => e.msg === 'failed')).toMatchObject({
        correlationId: 'rej-1',
        reason: 'ESME_RMSGQFUL',
        commandStatus: 0x14,
      });
    } finally {
      sim.clearFaults();
    }
  });

  it('exits 5 at once when the SMSC refuses the credentials', async () => {
    writeFile(dir, 'one.json', config());
    const result = await runCli(['send', '-c', 'one.json', '--to', '1', '--text', 'x'], {
      cwd: dir,
      env: { SMPP_PASSWORD: 'wrong' },
    });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('could not bind to 127.0.0.1:');
    expect(result.stderr).toContain('ESME_RINVPASWD');
  });

  it('sends a CSV batch, some rejected by the SMSC: summary table, failed rows, exit code 6', async () => {
    // Every 3rd submit answered ESME_RMSGQFUL, made permanent by the retry policy: 3 of 10 fail.
    sim.setFaults({ queueFullEveryNth: 3 });
    try {
      writeFile(dir, 'batch.json', config({ retry: { transientStatuses: ['ESME_RTHROTTLED'] } }));
      const rows = Array.from(
        { length: 9 },
        (_, i) => `2547000000${String(i + 10)},,Message ${i + 1},row-${i + 1},c${i % 2}`,
      );
      writeFile(
        dir,
        'batch.csv',
        [
          'to,from,text,correlationId,campaign',
          ...rows,
          '254700000099,NAZ,"Quoted, with ""quotes""",row-10,c1',
          '',
        ].join('\r\n'),
      );
      const result = await runCli(['send', '-c', 'batch.json', '--file', 'batch.csv'], { cwd: dir, env });
      expect(result.code).toBe(6);

      const submitted = result.events.filter((e) => e.msg === 'submitted');
      const failed = result.events.filter((e) => e.msg === 'failed');
      expect(submitted).toHaveLength(7);
      expect(failed).toHaveLength(3);
      expect(failed[0]).toMatchObject({ reason: 'ESME_RMSGQFUL' });
      expect(failed[0]!.line).toEqual(expect.any(Number));
      expect(result.events.find((e) => e.msg === 'batch summary')).toMatchObject({
        total: 10,
        accepted: 7,
        failed: 3,
        unfinished: 0,
      });
      expect(result.events.some((e) => e.msg === 'progress')).toBe(true);
      expect(
        submitted.find((e) => e.correlationId === 'row-10') ??
          failed.find((e) => e.correlationId === 'row-10'),
      ).toMatchObject({
        to: '254700000099',
        line: 11,
      });

      expect(result.stderr).toMatch(/Summary of batch\.csv\n {2}total +10\n {2}accepted +7\n {2}failed +3\n/);
      expect(result.stderr).toMatch(/Failures by reason\n {2}ESME_RMSGQFUL +3\n/);
      expect(result.stderr).toMatch(
        /Failed messages\n {2}line +to +correlationId +reason\n(?: {2}\d+ +\d+ +row-\d+ +ESME_RMSGQFUL\n){3}/,
      );
    } finally {
      sim.clearFaults();
    }
  });

  it('exits 0 for a batch of JSON lines all accepted', async () => {
    writeFile(dir, 'batch.json', config());
    writeFile(
      dir,
      'batch.jsonl',
      '{"to":"254700000001","text":"a"}\n{"to":"254700000002","text":"b","metadata":{"k":1}}\n',
    );
    const result = await runCli(['send', '-c', 'batch.json', '--file', 'batch.jsonl', '--json'], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(0);
    expect(result.events.find((e) => e.msg === 'batch summary')).toMatchObject({
      total: 2,
      accepted: 2,
      failed: 0,
    });
  });
});
