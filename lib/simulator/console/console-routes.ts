import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionFilter, SmscSimulator } from '../smsc-simulator.js';
import { MAX_LIST_LIMIT } from '../store/simulator-messages.js';
import type { TrafficFeed } from './feed/traffic-feed.js';
import { HttpError, badRequest } from './http/http-error.js';
import { readJsonBody } from './http/read-json-body.js';
import { sendJson } from './http/send-json.js';
import { CONSOLE_HTML, CONSOLE_PAGE_HEADERS } from './page/console-page.js';
import { parseFaultPatch } from './requests/parse-fault-patch.js';
import { parseMoRequest } from './requests/parse-mo-request.js';
import { storedRequestJson, summarizeStoredMessage } from './store/summarize-stored-message.js';
import type { ConsoleEventHub } from './stream/console-event-hub.js';

/** What the routes work on. */
export interface ConsoleContext {
  sim: SmscSimulator;
  feed: TrafficFeed;
  hub: ConsoleEventHub;
  state: () => unknown;
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ConsoleContext,
) => Promise<void> | void;

/** An integer query parameter in [min, max]; 400 naming it otherwise. */
function intParam(url: URL, name: string, min: number, max: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw badRequest(name, `${name} "${raw}" must be an integer ${min}-${max}.`);
  }
  return n;
}

function parseSessionFilter(body: Record<string, unknown>): SessionFilter {
  const filter: SessionFilter = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'connectionId') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw badRequest(key, 'connectionId must be a connection number (a positive integer).');
      }
      filter.connectionId = value;
    } else if (key === 'systemId') {
      if (typeof value !== 'string' || value === '')
        throw badRequest(key, 'systemId must be a non-empty string.');
      filter.systemId = value;
    } else {
      throw badRequest(key, `${key} is not a session filter; use connectionId and/or systemId.`);
    }
  }
  return filter;
}

/** The GET routes: each only reads. */
const GET: Record<string, Handler> = {
  '/': (_req, res) => {
    res.writeHead(200, CONSOLE_PAGE_HEADERS);
    res.end(CONSOLE_HTML);
  },
  // Browsers ask for it on every page; an empty answer keeps a 404 out of their console.
  '/favicon.ico': (_req, res) => {
    res.writeHead(204, { 'cache-control': 'max-age=86400' });
    res.end();
  },
  '/api/state': (_req, res, _url, ctx) => sendJson(res, 200, ctx.state()),
  '/api/sessions': (_req, res, _url, ctx) => sendJson(res, 200, ctx.sim.sessions),
  '/api/stats': (_req, res, _url, ctx) => sendJson(res, 200, ctx.sim.stats()),
  '/api/faults': (_req, res, _url, ctx) => sendJson(res, 200, ctx.sim.faults),
  '/api/messages': (_req, res, url, ctx) => {
    const limit = intParam(url, 'limit', 1, MAX_LIST_LIMIT);
    const before = url.searchParams.get('before') ?? undefined;
    let messages;
    try {
      messages = ctx.sim.messages.list({ limit, before: before === '' ? undefined : before });
    } catch (error) {
      if (error instanceof RangeError) throw badRequest('before', error.message);
      throw error;
    }
    sendJson(res, 200, {
      size: ctx.sim.messages.size,
      capacity: ctx.sim.messages.capacity,
      messages: messages.map(summarizeStoredMessage),
    });
  },
  '/api/feed': (_req, res, url, ctx) => {
    const after = intParam(url, 'after', 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const limit = intParam(url, 'limit', 1, ctx.feed.capacity);
    const slice = ctx.feed.since(after, limit);
    sendJson(res, 200, { ...slice, lastId: ctx.feed.lastId, skipped: ctx.feed.skipped });
  },
  '/api/events': (req, res, url, ctx) => {
    if (req.method === 'HEAD') {
      // A HEAD must not hold a stream open: it gets the stream's headers and ends.
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const header = req.headers['last-event-id'];
    const fromHeader = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : undefined;
    ctx.hub.attach(req, res, fromHeader ?? intParam(url, 'after', 0, Number.MAX_SAFE_INTEGER));
  },
};

/** The POST routes: the only ones that change anything, each one thing. */
const POST: Record<string, Handler> = {
  '/api/faults': async (req, res, _url, ctx) => {
    const patch = parseFaultPatch(await readJsonBody(req));
    ctx.sim.setFaults(patch);
    ctx.hub.stateChanged();
    sendJson(res, 200, { faults: ctx.sim.faults });
  },
  '/api/faults/clear': async (req, res, _url, ctx) => {
    const body = await readJsonBody(req);
    const extra = Object.keys(body)[0];
    if (extra !== undefined) throw badRequest(extra, `${extra}: this action takes an empty object.`);
    ctx.sim.clearFaults();
    ctx.hub.stateChanged();
    sendJson(res, 200, { faults: ctx.sim.faults });
  },
  '/api/mo': async (req, res, _url, ctx) => {
    const message = parseMoRequest(await readJsonBody(req));
    let pdus: number;
    try {
      pdus = ctx.sim.sendMo(message);
    } catch (error) {
      // The split refused the text (too many parts, a character the data_coding cannot carry...).
      throw badRequest('text', error instanceof Error ? error.message : String(error));
    }
    if (pdus === 0) {
      const who =
        message.system_id === undefined ? 'No session' : `No session of system_id "${message.system_id}"`;
      throw new HttpError(409, `${who} can receive: bind a receiver or a transceiver first.`, 'system_id');
    }
    sendJson(res, 202, { pdus });
  },
  '/api/sessions/drop': async (req, res, _url, ctx) => {
    const filter = parseSessionFilter(await readJsonBody(req));
    sendJson(res, 200, { dropped: ctx.sim.dropConnections(filter) });
  },
  '/api/sessions/unbind': async (req, res, _url, ctx) => {
    const filter = parseSessionFilter(await readJsonBody(req));
    sendJson(res, 200, { unbound: ctx.sim.sendUnbind(filter) });
  },
};

const MESSAGE_PATH = /^\/api\/messages\/([^/]+)$/;

function getMessage(res: ServerResponse, id: string, ctx: ConsoleContext): void {
  const message = ctx.sim.messages.get(id);
  if (message === undefined)
    throw new HttpError(404, `no stored message has id "${id}" (unknown, or evicted).`);
  sendJson(res, 200, { ...summarizeStoredMessage(message), pdu: storedRequestJson(message) });
}

/**
 * Routes one request. GET (and HEAD) only read; POST takes a JSON body and acts. A known path asked with another
 * method gets 405 and `Allow`; anything else 404.
 */
export async function route(req: IncomingMessage, res: ServerResponse, ctx: ConsoleContext): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://console.invalid');
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const path = url.pathname;
  const message = MESSAGE_PATH.exec(path);
  if (message !== null && method === 'GET') {
    let id: string;
    try {
      id = decodeURIComponent(message[1]);
    } catch {
      throw badRequest('id', `message id "${message[1]}" is not valid percent-encoding.`);
    }
    getMessage(res, id, ctx);
    return;
  }
  const handler = method === 'GET' ? GET[path] : method === 'POST' ? POST[path] : undefined;
  if (handler !== undefined && Object.hasOwn(method === 'GET' ? GET : POST, path)) {
    await handler(req, res, url, ctx);
    return;
  }
  const allowed = [
    ...(Object.hasOwn(GET, path) || message !== null ? ['GET', 'HEAD'] : []),
    ...(Object.hasOwn(POST, path) ? ['POST'] : []),
  ];
  if (allowed.length > 0) {
    throw new HttpError(
      405,
      `${req.method} is not allowed on ${path}; use ${allowed.join(' or ')}.`,
      undefined,
      {
        allow: allowed.join(', '),
      },
    );
  }
  throw new HttpError(404, `no such page or endpoint: ${path}`);
}
