import { afterEach, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { CommandStatus } from '../../lib/protocol/index.js';
import { runCli } from '../../lib/simulator/cli/run-cli.js';
import {
  SmscSimulator,
  type ConsoleFeedEvent,
  type ConsoleState,
  type ConsoleStoredMessage,
  type SmscSimulatorOptions,
} from '../../lib/simulator/index.js';
import { SseReader } from './console-sse-reader.js';
import { RawTestClient } from './raw-test-client.js';

const submit = (text: string, extra: Record<string, unknown> = {}) =>
  ({
    command: 'submit_sm',
    source_addr: '1234',
    destination_addr: '447700900123',
    short_message: Buffer.from(text),
    ...extra,
  }) as const;

let sim: SmscSimulator | undefined;
const clients: RawTestClient[] = [];

async function start(options: SmscSimulatorOptions = {}): Promise<{ sim: SmscSimulator; base: string }> {
  sim = await SmscSimulator.start({ ...options, http: { port: 0, ...options.http } });
  return { sim, base: sim.console!.url };
}

async function bound(
  command: 'bind_transmitter' | 'bind_receiver' | 'bind_transceiver' = 'bind_transceiver',
  credentials: { system_id?: string; password?: string } = {},
): Promise<RawTestClient> {
  const client = await RawTestClient.bound(sim!.port, command, credentials);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await sim?.stop();
  sim = undefined;
});

interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

async function api<T = any>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const res = await fetch(new URL(path, base), {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

async function feedUntil(
  base: string,
  done: (events: ConsoleFeedEvent[]) => boolean,
  what: string,
): Promise<ConsoleFeedEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { body } = await api<{ events: ConsoleFeedEvent[] }>(base, 'GET', '/api/feed');
    if (done(body.events)) return body.events;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(body.events)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('naz-smsc web console over HTTP', () => {
  it('listens on 127.0.0.1 on a free port and serves one page under a strict content security policy', async () => {
    const { base } = await start();
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toContain('<title>naz-smsc console</title>');
  });

  it('feeds submits, their responses, receipts and MO messages, and never a password', async () => {
    const { sim, base } = await start({ receipts: { delayMs: 0 } });
    const client = await bound('bind_transceiver', { system_id: 'shop', password: 'hunter22' });
    const resp = await client.request(submit('Your code is 1234', { registered_delivery: 1 }));
    const messageId = resp.command === 'submit_sm_resp' ? resp.message_id : '';
    await client.waitFor('deliver_sm');
    expect(sim.sendMo({ text: 'STOP', source_addr: '447700900999', destination_addr: '5555' })).toBe(1);

    const events = await feedUntil(base, (e) => e.some((x) => x.kind === 'mo'), 'the MO in the feed');
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          direction: 'in',
          kind: 'bind',
          command: 'bind_transceiver',
          systemId: 'shop',
        }),
        expect.objectContaining({
          direction: 'in',
          kind: 'submit',
          text: 'Your code is 1234',
          to: '447700900123',
        }),
        expect.objectContaining({ direction: 'out', kind: 'response', status: 'ESME_ROK', messageId }),
        expect.objectContaining({ direction: 'out', kind: 'receipt', messageId, state: 'DELIVRD' }),
        expect.objectContaining({
          direction: 'out',
          kind: 'mo',
          text: 'STOP',
          from: '447700900999',
          to: '5555',
        }),
      ]),
    );
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => events[0].id + i));
    expect(JSON.stringify(events)).not.toContain('hunter22');
  });

  it('answers every GET without changing the simulator', async () => {
    const { sim, base } = await start({ receipts: { delayMs: 60_000 }, faults: { throttleEveryNth: 5 } });
    const client = await bound();
    const resp = await client.request(submit('kept ENROUTE'));
    const messageId = resp.command === 'submit_sm_resp' ? resp.message_id : '';
    const snapshot = () => {
      const { uptimeMs: _uptime, ...stats } = sim.stats();
      return { stats, faults: sim.faults, message: sim.messages.get(messageId), sessions: sim.sessions };
    };
    const before = snapshot();

    for (const path of [
      '/',
      '/api/state',
      '/api/sessions',
      '/api/stats',
      '/api/faults',
      '/api/messages',
      `/api/messages/${messageId}`,
      '/api/messages/424242',
      '/api/feed',
      '/favicon.ico',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetch(new URL(path, base), { method });
        expect([200, 204, 404]).toContain(res.status);
        await res.arrayBuffer();
      }
    }
    const stream = await SseReader.open(new URL('/api/events', base).href);
    await stream.waitFor(() => stream.events.length > 0, 'the first state event');
    stream.close();
    const head = await fetch(new URL('/api/events', base), { method: 'HEAD' });
    expect(head.status).toBe(200); // answered and ended: a HEAD holds no stream open

    expect(snapshot()).toEqual(before);
    expect(before.message).toMatchObject({
      state: 'ENROUTE',
      queried: false,
      replaced: false,
      cancelled: false,
    });
  });

  it('switches faults with POST /api/faults: null turns one off, keys left out stay, and submits feel it', async () => {
    const { sim, base } = await start();
    const client = await bound();
    const set = await api(base, 'POST', '/api/faults', {
      throttleEveryNth: 2,
      responseDelayMs: { min: 1, max: 5 },
    });
    expect(set).toMatchObject({
      status: 200,
      body: { faults: { throttleEveryNth: 2, responseDelayMs: { min: 1, max: 5 } } },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.request(submit(`m${i}`))).command_status);
    expect(statuses).toEqual([0, CommandStatus.ESME_RTHROTTLED, 0, CommandStatus.ESME_RTHROTTLED]);
    expect(sim.stats().statuses).toMatchObject({ ESME_RTHROTTLED: 2 });

    const off = await api(base, 'POST', '/api/faults', { throttleEveryNth: null });
    expect(off.body).toEqual({ faults: { responseDelayMs: { min: 1, max: 5 } } });
    expect((await client.request(submit('after'))).command_status).toBe(0);
    const cleared = await api(base, 'POST', '/api/faults/clear', {});
    expect(cleared).toMatchObject({ status: 200, body: { faults: {} } });
    expect(sim.faults).toEqual({});
  });

  it.each([
    ['/api/mo', {}, 'text', /text must be a non-empty string/],
    ['/api/mo', { text: 'hi', txt: 'typo' }, 'txt', /txt is not a field of an MO message/],
    ['/api/mo', { text: 'hi', split: 'zip' }, 'split', /split must be one of udh8, udh16, sar, payload/],
    ['/api/mo', { text: 'hi', source_addr: '4477009001234567890123' }, 'source_addr', /at most 20/],
    ['/api/mo', { text: 'hi', destination_addr: 42 }, 'destination_addr', /must be a string/],
    ['/api/mo', { text: 'hi', data_coding: 300 }, 'data_coding', /0-255/],
    ['/api/mo', { text: 'hi', system_id: 'a-system-id-too-long' }, 'system_id', /at most 15/],
    ['/api/faults', { throttleEvery: 3 }, 'throttleEvery', /not a fault switch/],
    ['/api/faults', { throttleEveryNth: 0 }, 'throttleEveryNth', /positive integer/],
    ['/api/faults', { throttleEveryNth: '3' }, 'throttleEveryNth', /must be a positive integer, or null/],
    ['/api/faults', { responseDelayMs: { min: 9, max: 1 } }, 'responseDelayMs', /min <= max/],
    ['/api/faults', { neverAnswerCommands: ['submit_sm', 'nope'] }, 'neverAnswerCommands', /command names/],
    ['/api/faults/clear', { everything: true }, 'everything', /empty object/],
    ['/api/sessions/drop', { connectionId: -1 }, 'connectionId', /positive integer/],
    ['/api/sessions/unbind', { system_id: 'x' }, 'system_id', /not a session filter/],
    ['/api/mo', '{"text": "unterminated', 'body', /not valid JSON/],
    ['/api/faults', '[1, 2]', 'body', /JSON object/],
  ])('POST %s %j answers 400 naming %s, and changes nothing', async (path, body, field, message) => {
    const { sim, base } = await start({ faults: { queueFullEveryNth: 7 } });
    const res = await api(base, 'POST', path, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', field });
    expect(res.body.message).toMatch(message);
    expect(sim.faults).toEqual({ queueFullEveryNth: 7 });
    expect(sim.stats().moSent).toBe(0);
  });

  it.each([
    ['/api/messages?limit=0', 'limit'],
    ['/api/messages?limit=many', 'limit'],
    ['/api/messages?before=x1', 'before'],
    ['/api/feed?after=-1', 'after'],
    ['/api/feed?limit=100000', 'limit'],
    ['/api/messages/%E0%A4%A', 'id'],
  ])('GET %s answers 400 naming %s', async (path, field) => {
    const { base } = await start();
    const res = await api(base, 'GET', path);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.message).toContain(field === 'id' ? 'message id' : field);
  });

  it('refuses other content types (415), wrong methods (405 with Allow), unknown paths (404) and foreign Host names (403)', async () => {
    const { sim, base } = await start();
    const form = await fetch(new URL('/api/faults', base), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ throttleEveryNth: 1 }),
    });
    expect(form.status).toBe(415);
    expect(sim.faults).toEqual({});
    const wrongMethod = await api(base, 'GET', '/api/mo');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const put = await api(base, 'PUT', '/api/faults', {});
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await api(base, 'GET', '/api/nothing')).status).toBe(404);

    // A DNS-rebinding page reaches 127.0.0.1 under its own name: the Host header gives it away.
    const rebound = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL('/api/state', base);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { host: `attacker.example:${url.port}` },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).message).toContain('not a loopback name');
  });

  it('sends an MO split as asked with POST /api/mo, and answers 409 while no session can receive', async () => {
    const { base } = await start();
    const nobody = await api(base, 'POST', '/api/mo', { text: 'hello?' });
    expect(nobody).toMatchObject({ status: 409, body: { field: 'system_id' } });
    expect(nobody.body.message).toMatch(/bind a receiver or a transceiver/);

    const receiver = await bound('bind_receiver', { system_id: 'inbox' });
    const text = 'A'.repeat(200); // two GSM parts of at most 153 characters
    const sent = await api(base, 'POST', '/api/mo', {
      text,
      source_addr: '447700900555',
      destination_addr: '5555',
      split: 'sar',
      system_id: 'inbox',
    });
    expect(sent).toMatchObject({ status: 202, body: { pdus: 2 } });
    const parts = await receiver.waitForCount('deliver_sm', 2);
    expect(parts.map((p) => p.tlvs?.sar_segment_seqnum)).toEqual([1, 2]);
    expect(parts[0]).toMatchObject({ source_addr: '447700900555', destination_addr: '5555' });
    expect(parts.map((p) => p.short_message.toString('latin1')).join('')).toBe(text);
  });

  it('lists the message store newest first with its query, cancel and replace marks', async () => {
    const { base } = await start({ receipts: { delayMs: 60_000 } });
    const client = await bound('bind_transmitter');
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const resp = await client.request(submit(`message ${i}`));
      ids.push(resp.command === 'submit_sm_resp' ? resp.message_id : '');
    }
    expect(
      (await client.request({ command: 'query_sm', message_id: ids[0], source_addr: '1234' })).command_status,
    ).toBe(0);
    expect((await client.request({ command: 'cancel_sm', message_id: ids[1] })).command_status).toBe(0);
    const replaced = await client.request({
      command: 'replace_sm',
      message_id: ids[2],
      short_message: Buffer.from('new text'),
    });
    expect(replaced.command_status).toBe(0);

    const page = await api<{ size: number; messages: ConsoleStoredMessage[] }>(
      base,
      'GET',
      '/api/messages?limit=3',
    );
    expect(page.body.size).toBe(4);
    expect(
      page.body.messages.map((m) => [m.messageId, m.state, m.text, m.queried, m.replaced, m.cancelled]),
    ).toEqual([
      [ids[3], 'ENROUTE', 'message 4', false, false, false],
      [ids[2], 'ENROUTE', 'new text', false, true, false],
      [ids[1], 'DELETED', 'message 2', false, false, true],
    ]);
    const older = await api<{ messages: ConsoleStoredMessage[] }>(
      base,
      'GET',
      `/api/messages?before=${ids[1]}`,
    );
    expect(older.body.messages).toEqual([
      expect.objectContaining({ messageId: ids[0], queried: true, from: '1234' }),
    ]);

    const one = await api(base, 'GET', `/api/messages/${ids[2]}`);
    expect(one.body).toMatchObject({ messageId: ids[2], command: 'submit_sm', replaced: true });
    expect(one.body.pdu.short_message).toBe(Buffer.from('new text').toString('hex'));
    const missing = await api(base, 'GET', '/api/messages/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('"999999"');
  });

  it('streams state and feed as server-sent events, and resumes after Last-Event-ID telling what was missed', async () => {
    const { base } = await start({ http: { feedSize: 6 } });
    const client = await bound('bind_transceiver', { system_id: 'watcher' });
    const stream = await SseReader.open(new URL('/api/events', base).href);
    await stream.waitFor(() => stream.data<ConsoleState>('state').length > 0, 'a state event');
    expect(stream.data<ConsoleState>('state')[0].sessions).toEqual([
      expect.objectContaining({ systemId: 'watcher', bindType: 'transceiver', boundAt: expect.any(String) }),
    ]);
    await client.request({ command: 'enquire_link' });
    await stream.waitFor(
      () =>
        stream
          .data<ConsoleFeedEvent[]>('feed')
          .flat()
          .some((e) => e.command === 'enquire_link_resp'),
      'the enquire_link_resp in the feed',
    );
    const lastSeen = stream.events.filter((e) => e.event === 'feed').at(-1)!.id!;
    stream.close();

    for (let i = 0; i < 5; i++) await client.request({ command: 'enquire_link' }); // 10 events through a ring of 6
    const resumed = await SseReader.open(new URL('/api/events', base).href, { 'last-event-id': lastSeen });
    await resumed.waitFor(() => resumed.data('feed').length > 0, 'the replayed feed');
    resumed.close();
    const [gap] = resumed.data<{ missed: number }>('gap');
    const replayed = resumed.data<ConsoleFeedEvent[]>('feed')[0];
    expect(gap.missed).toBe(4);
    expect(replayed.map((e) => e.id)).toEqual([5, 6, 7, 8, 9, 10].map((n) => Number(lastSeen) + n));
  });

  it('ends its event streams and stops listening when the simulator stops', async () => {
    const { sim, base } = await start();
    const stream = await SseReader.open(new URL('/api/events', base).href);
    await stream.waitFor(() => stream.events.length > 0, 'the first event');
    await sim.stop();
    await stream.waitFor(() => stream.ended, 'the stream to end').catch(() => undefined);
    expect(stream.ended).toBe(true);
    await expect(fetch(base)).rejects.toThrow();
  });

  it('fails to start, leaving nothing listening, when the console port is taken', async () => {
    const { base } = await start();
    const taken = Number(new URL(base).port);
    await expect(SmscSimulator.start({ http: { port: taken } })).rejects.toThrow(/EADDRINUSE/);
  });

  it('refuses bad console options before opening any socket', async () => {
    await expect(SmscSimulator.start({ http: { port: 70000 } })).rejects.toThrow(
      /http\.port 70000 must be an integer 0-65535/,
    );
    await expect(SmscSimulator.start({ http: { feedSize: 0 } })).rejects.toThrow(/http\.feedSize 0/);
  });

  it('starts from the command line with naz-smsc --http and prints its address', async () => {
    let out = '';
    const io = { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: () => true } };
    const { sim: cliSim, shutdown } = await runCli(
      ['--port', '0', '--http', '0', '--log-level', 'silent'],
      io,
    );
    try {
      const listening = JSON.parse(out.split('\n')[0]) as { console: string };
      expect(listening.console).toBe(cliSim!.console!.url);
      expect(listening.console).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect((await fetch(new URL('/api/state', listening.console))).status).toBe(200);
    } finally {
      await shutdown();
    }
    await expect(runCli(['--http-host', '0.0.0.0'], io)).rejects.toThrow(/--http-host needs --http/);
  });
});
