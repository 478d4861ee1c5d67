/**
 * The simulator's web console in a real browser (Debian's Chromium, driven by playwright-core), against the
 * sample app and its embedded simulator: what a developer sees when they open the console while testing.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { NAZ_THROTTLE_HANDLER, SamplingThrottleHandler } from '../../lib/index.js';
import type { ConsoleFeedEvent } from '../../lib/simulator/index.js';
import type { EmbeddedSmsc } from '../../sample/smsc/embedded-smsc.js';

const CHROMIUM = '/usr/bin/chromium';
/**
 * The README's screenshot is this test's: `npm run docs:screenshots` writes it to docs/images. A plain `npm test`
 * takes it too (the step stays exercised) but into the temp dir, so a test run leaves the working tree clean.
 */
const SCREENSHOT =
  process.env.NAZ_UPDATE_SCREENSHOTS === '1'
    ? join(dirname(fileURLToPath(import.meta.url)), '../../docs/images/simulator-console.png')
    : join(tmpdir(), `naz-console-${process.pid}.png`);

// The sample reads its configuration from the environment: the embedded simulator (no SMSC_HOST), quick
// receipts, no periodic MO traffic (the MO under test is the one the form sends), the console on a free port.
delete process.env.SMSC_HOST;
delete process.env.SIM_CONSOLE_PORT;
process.env.SIM_RECEIPT_DELAY_MS = '200';
process.env.SIM_MO_EVERY_MS = '0';

const { AppModule } = await import('../../sample/app.module.js');
const { EMBEDDED_SMSC } = await import('../../sample/smsc/smsc.module.js');

let app: INestApplication;
let sampleUrl: string;
let consoleUrl: string;
let userDataDir: string;
let browser: BrowserContext;
let page: Page;

async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const getJson = async <T = any>(url: string): Promise<T> => (await fetch(url)).json() as Promise<T>;

async function sendFromSample(to: string, text: string): Promise<string> {
  const res = await fetch(new URL('/messages', sampleUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to, from: 'NazSample', text }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Waits until the first element of `locator` exists and its text contains `expected` (playwright-core has no `expect`). */
async function waitForText(locator: Locator, expected: string, timeoutMs = 10_000): Promise<string> {
  return poll(
    async () => ((await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '') : '<absent>'),
    (text) => text.includes(expected),
    `"${expected}" in ${locator.toString()}`,
    timeoutMs,
  );
}

/** The number in the console's "Response statuses" table for a status name (0 when absent). */
async function statusCount(name: string): Promise<number> {
  const cell = page.locator(`#statuses-body tr[data-key="${name}"] td.num`);
  return (await cell.count()) === 0 ? 0 : Number(await cell.textContent());
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it).`,
    );
  }
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  app = moduleRef.createNestApplication({ logger: false });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  sampleUrl = await app.getUrl();
  const embedded = app.get<EmbeddedSmsc>(EMBEDDED_SMSC);
  consoleUrl = embedded.consoleUrl;
  await poll(
    () => getJson(new URL('/health', sampleUrl).href),
    (h) => h.status === 'ok',
    'the sample to bind',
  );

  userDataDir = mkdtempSync(join(tmpdir(), 'naz-console-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(consoleUrl);
  await page.locator('#connection.live').waitFor();
  expect(pageErrors).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

describe('naz-smsc web console in Chromium, with the sample app', () => {
  it('shows the sample bound, and a message it sends in the live feed with its delivery receipt', async () => {
    await waitForText(page.locator('#sessions-body tr[data-system-id="sample"] td').nth(2), 'transceiver');

    const text = 'Hello from the browser test';
    const id = await sendFromSample('447700900777', text);
    const record = await poll(
      () => getJson(new URL(`/messages/${id}`, sampleUrl).href),
      (r) => r.status === 'delivered',
      'the sample to report the message delivered',
    );
    const [messageId] = record.messageIds as string[];

    const submitRow = page.locator('#feed-body tr.kind-submit', { hasText: text });
    await submitRow.waitFor();
    await waitForText(submitRow, '447700900777');
    const responseRow = page.locator(`#feed-body tr.kind-response[data-message-id="${messageId}"]`);
    expect(await waitForText(responseRow, 'submit_sm_resp')).toContain('ESME_ROK');
    const receiptRow = page.locator(`#feed-body tr.kind-receipt[data-message-id="${messageId}"]`);
    expect(await waitForText(receiptRow, 'DELIVRD')).toContain('447700900777 \u2192 NazSample');
    // The store shows it too, final.
    const stored = page.locator(`#messages-body tr[data-message-id="${messageId}"]`);
    await poll(
      () => stored.getAttribute('data-state'),
      (state) => state === 'DELIVRD',
      'the store row final',
    );
  });

  it('sends an MO from the form, as a long message split as chosen, and the sample receives it whole at GET /inbound', async () => {
    const text =
      `Reply from the console form. ${'This MO is long enough to need two parts. '.repeat(4)}`.trim();
    await page.fill('#mo-text', text);
    await page.fill('#mo-from', '447700900321');
    await page.fill('#mo-to', '1234');
    await page.selectOption('#mo-split', 'udh16');
    await page.selectOption('#mo-system-id', 'sample');
    await page.click('#mo-send');
    await waitForText(page.locator('#mo-result'), 'Sent as 2 deliver_sm (one per part).');

    const inbound = await poll(
      () => getJson<{ from: string; to: string; text: string }[]>(new URL('/inbound', sampleUrl).href),
      (list) => list.some((m) => m.text === text),
      'the MO at GET /inbound',
    );
    expect(inbound.find((m) => m.text === text)).toMatchObject({ from: '447700900321', to: '1234' });
    await poll(
      () => page.locator('#feed-body tr.kind-mo').count(),
      (n) => n === 2,
      'both MO parts in the feed',
    );
    await waitForText(page.locator('#feed-body tr.kind-mo').first(), 'part 2/2');

    // A bad field comes back as a 400 naming it, shown next to the form.
    await page.fill('#mo-from', '+44 7700 900321 ☎');
    await page.click('#mo-send');
    await waitForText(page.locator('#mo-result'), 'source_addr must be printable ASCII');
    expect(await page.locator('#mo-from').getAttribute('class')).toContain('invalid');
  });

  it('throttles from its toggle: ESME_RTHROTTLED counts rise and the client pauses its submits', async () => {
    const throttle = app.get(NAZ_THROTTLE_HANDLER, { strict: false }) as SamplingThrottleHandler;
    expect(throttle).toBeInstanceOf(SamplingThrottleHandler);
    const deniedBefore = throttle.denialCount;
    expect(await statusCount('ESME_RTHROTTLED')).toBe(0);

    await page.fill('#fault-throttle-n', '2');
    await page.check('#fault-throttle');
    await waitForText(page.locator('#faults-current'), '"throttleEveryNth": 2');
    const switchedOnAt = Date.now();

    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await sendFromSample('447700900888', `Throttled batch ${i}`));
    await poll(
      () => statusCount('ESME_RTHROTTLED'),
      (n) => n >= 10,
      'ESME_RTHROTTLED counted on the page',
      20_000,
    );
    await poll(
      () => Promise.resolve(throttle.denialCount),
      (n) => n > deniedBefore,
      'the client to pause',
      20_000,
    );

    // The simulator saw the pause: a long gap between two submits while messages were waiting. The client pauses
    // 1000 ms (the sampling handler's default) from its decision; submits it wrote just before reach the
    // simulator's tap an event-loop turn later (same process), so the bound leaves room for a loaded machine.
    const feed = await getJson<{ events: ConsoleFeedEvent[] }>(new URL('/api/feed', consoleUrl).href);
    const submits = feed.events.filter((e) => e.kind === 'submit' && e.at >= switchedOnAt).map((e) => e.at);
    const gaps = submits.slice(1).map((at, i) => at - submits[i]);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(600);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    if (process.env.NAZ_UPDATE_SCREENSHOTS !== '1') rmSync(SCREENSHOT, { force: true });

    // Off again: the client catches up and every message of the batch is accepted.
    await page.uncheck('#fault-throttle');
    await waitForText(page.locator('#faults-current'), 'no fault is on');
    for (const id of ids) {
      await poll(
        () => getJson(new URL(`/messages/${id}`, sampleUrl).href),
        (r) => r.status === 'submitted' || r.status === 'delivered',
        `message ${id} accepted`,
        30_000,
      );
    }
  }, 90_000);
});
