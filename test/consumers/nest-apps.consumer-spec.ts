import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { ConsumerApp, packedTarball, removePackedTarball } from './support/consumer-app.js';
import { LongRunningProcess } from './support/long-running-process.js';

/** npm install of a Nest app with its CLI: a minute or two from a warm cache on a loaded 2-core machine. */
const INSTALL_TIMEOUT_MS = 600_000;
const STEP_TIMEOUT_MS = 300_000;

afterAll(removePackedTarball);

/**
 * The two apps users have, made as `nest new` makes them, each with the packed tarball installed from a file and
 * everything else from the npm registry: Nest 11 CommonJS (`module: commonjs`, node10 resolution, ts-jest) and
 * Nest 12 ESM (nodenext, Vitest).
 */
describe.each([
  { template: 'nest11-cjs', testCommand: 'Jest (ts-jest, CommonJS)' },
  { template: 'nest12-esm', testCommand: 'Vitest (ESM)' },
])('a $template app using the packed nestjs-naz', ({ template, testCommand }) => {
  let app: ConsumerApp;

  beforeAll(async () => {
    app = await ConsumerApp.install(template, await packedTarball());
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    await app?.remove();
  });

  it(
    'builds with nest build, without a type error',
    async () => {
      const { output } = await app.run('npm', ['run', 'build']);
      expect(output).not.toMatch(/error TS\d+/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    `passes its own tests, untouched: ${testCommand}`,
    async () => {
      const { output } = await app.run('npm', ['test']);
      expect(output).toMatch(/2 passed/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'boots against naz-smsc: a POSTed message gets its receipt, /health is up, SIGTERM drains and exits 0',
    async () => {
      const smsc = new LongRunningProcess(app.bin('naz-smsc'), ['--port', '0', '--receipt-delay', '50'], {
        cwd: app.dir,
        env: process.env,
      });
      let server: LongRunningProcess | undefined;
      try {
        const [, smscPort] = await smsc.waitForLine(/"event":"listening".*?"port":(\d+)/);
        server = new LongRunningProcess(process.execPath, ['dist/main.js'], {
          cwd: app.dir,
          env: { ...process.env, PORT: '0', SMSC_PORT: smscPort, NO_COLOR: '1' },
        });
        const [, url] = await server.waitForLine(/listening on (http:\/\/\S+)/);
        // The SMPP bind happens after the HTTP server is up: /health says when (503 until bound).
        await waitForStatus(`${url}/health`, 200);

        const posted = await fetch(`${url}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: '447700900123', text: 'Hello from a consumer app' }),
        });
        expect(posted.status).toBe(202);
        const { correlationId } = (await posted.json()) as { correlationId: string };
        await server.waitForLine(new RegExp(`submit result ${correlationId}: submitted`));
        await server.waitForLine(new RegExp(`receipt ${correlationId}: DELIVRD`));

        const health = await fetch(`${url}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok', info: { smpp: { status: 'up' } } });

        // enableShutdownHooks(): Nest runs the shutdown hooks, then raises the signal again so the process ends as
        // the signal asked (exit status 143 in a shell); a crash or a hang would end otherwise or not at all.
        const exit = await server.stop('SIGTERM');
        expect({ exit, drained: /client stopped/.test(server.log) }).toEqual({
          exit: { code: null, signal: 'SIGTERM' },
          drained: true,
        });
        expect(server.log).toMatch(/client stopping client=default drainTimeoutMs=5000/);
        expect(server.log).toMatch(
          /client stopped client=default submitted=1 accepted=1 failed=0 retried=0 receipts=1/,
        );
        // Under Nest 11 and 12 alike, a structured entry is one line: no `Object(…) {` continuation lines.
        expect(server.log).not.toMatch(/Object\(\d+\)/);
      } finally {
        await server?.stop('SIGKILL');
        await smsc.stop('SIGTERM');
      }
    },
    STEP_TIMEOUT_MS,
  );
});

/** Polls `url` until it answers `status` (60 s at most). */
async function waitForStatus(url: string, status: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer ${status} within 60 s; last: ${last}`);
}
