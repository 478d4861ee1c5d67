import { describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import { encodePdu } from '../../protocol/index.js';
import { runCli } from './run-cli.js';
import { pollUntil } from '../../../test/support/poll-until.js';

function sink(): {
  lines: () => Record<string, unknown>[];
  text: () => string;
  write: (s: string) => boolean;
} {
  let buffer = '';
  return {
    write: (s: string) => {
      buffer += s;
      return true;
    },
    text: () => buffer,
    lines: () =>
      buffer
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
// Fails after 2 s rather than going on as if the condition held.
const until = (check: () => boolean): Promise<void> => pollUntil(check, { timeoutMs: 2000 });

describe('naz-smsc command', () => {
  it('prints help and starts nothing', async () => {
    const stdout = sink();
    const { sim } = await runCli(['--help'], { stdout, stderr: sink() });
    expect(sim).toBeUndefined();
    expect(stdout.text()).toContain('Usage: naz-smsc [options]');
  });

  it('prints the address, logs structured lines without passwords, obeys stdin control and prints stats on exit', async () => {
    const stdout = sink();
    const stderr = sink();
    const stdin = new PassThrough();
    const { sim, shutdown } = await runCli(
      ['--port', '0', '--stdin-control', '--credential', 'esme:hunter2'],
      {
        stdout,
        stderr,
        stdin,
      },
    );
    const listening = stdout.lines()[0];
    expect(listening).toMatchObject({ event: 'listening', host: '127.0.0.1', port: sim?.port });

    const socket = connect({ host: '127.0.0.1', port: Number(listening.port) });
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      encodePdu({ command: 'bind_transmitter', sequence_number: 1, system_id: 'esme', password: 'hunter2' }),
    );
    await until(() => stderr.text().includes('"msg":"bind"'));

    stdin.write('{"faults":{"throttleEveryNth":3}}\n');
    stdin.write('stats\n');
    await until(() => stdout.lines().some((l) => l.event === 'stats'));
    expect(stdout.lines().find((l) => l.event === 'control')).toMatchObject({
      ok: true,
      faults: { throttleEveryNth: 3 },
    });
    const stats = stdout.lines().find((l) => l.event === 'stats');
    expect(stats).toMatchObject({ binds: { transmitter: 1 }, received: { bind_transmitter: 1 } });
    expect(typeof stats?.cpuUserUs).toBe('number');

    stdin.write('not json\n');
    await until(() => stdout.lines().some((l) => l.event === 'control' && l.ok === false));

    socket.destroy();
    await shutdown();
    expect(stdout.lines().at(-1)).toMatchObject({ event: 'exit' });
    const logs = stderr.lines();
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['listening', 'connect', 'bind', 'stopped']),
    );
    expect(logs.every((l) => typeof l.time === 'string' && typeof l.level === 'string')).toBe(true);
    expect(stderr.text()).not.toContain('hunter2');
    expect(logs.some((l) => l.msg === 'pdu')).toBe(false); // per-PDU lines only at debug
  });
});
