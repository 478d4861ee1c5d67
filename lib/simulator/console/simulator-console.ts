import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { SessionInfo } from '../connection/smsc-connection.js';
import type { SmscSimulator } from '../smsc-simulator.js';
import type { SimulatorPduEvent } from '../tap/simulator-pdu-event.interface.js';
import { route, type ConsoleContext } from './console-routes.js';
import type { ConsoleState } from './console-state.interface.js';
import { TrafficFeed } from './feed/traffic-feed.js';
import { HttpError } from './http/http-error.js';
import { sendError } from './http/send-json.js';
import type { SimulatorConsoleOptions } from './simulator-console-options.interface.js';
import { ConsoleEventHub } from './stream/console-event-hub.js';
import { validateConsoleOptions } from './validate-console-options.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_FEED_SIZE = 1000;
const DEFAULT_FEED_RATE = 1000;
const DEFAULT_MAX_CLIENT_BUFFER = 1024 * 1024;
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * The simulator's web console: one page and a small JSON API over `node:http`, fed by the simulator's `'pdu'`
 * wire tap. Start it with `SmscSimulator.start({ http: { port } })` or `naz-smsc --http <port>`.
 *
 * @remarks
 * Endpoints (all JSON; errors are `{ statusCode, error, message, field? }`, a 400 naming the field):
 * - `GET /`: the page. `GET /api/state`, `/api/sessions`, `/api/stats`, `/api/faults`: live views.
 * - `GET /api/messages?limit=&before=`: the message store, newest first; `GET /api/messages/:id`: one message
 *   with its decoded request.
 * - `GET /api/feed?after=&limit=`: the traffic feed; `GET /api/events`: the same, live, as server-sent events.
 * - `POST /api/faults` (a patch; `null` turns a switch off), `POST /api/faults/clear`, `POST /api/mo`,
 *   `POST /api/sessions/drop`, `POST /api/sessions/unbind` (`{ connectionId?, systemId? }`).
 *
 * GET never changes anything. POST bodies must be `application/json`, which a foreign web page cannot send
 * without a CORS preflight the console never grants.
 */
export class SimulatorConsole {
  private readonly feed: TrafficFeed;
  private readonly hub: ConsoleEventHub;
  private readonly context: ConsoleContext;
  private readonly onPdu = (event: SimulatorPduEvent): void => this.feed.addPdu(event);
  private readonly onBind = (): void => this.hub.stateChanged();
  private readonly onClose = (info: SessionInfo): void => {
    this.feed.addEvent((id) => ({
      id,
      at: Date.now(),
      direction: 'out',
      connectionId: info.id,
      systemId: info.systemId,
      kind: 'session',
      command: 'close',
      sequence: 0,
      note: `connection closed after ${info.pdusReceived} PDUs in`,
    }));
    this.hub.stateChanged();
  };
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly sim: SmscSimulator,
    private readonly server: Server,
    options: SimulatorConsoleOptions,
    /** Interface the console listens on. */
    readonly host: string,
    /** Port the console listens on. */
    readonly port: number,
  ) {
    this.feed = new TrafficFeed(
      options.feedSize ?? DEFAULT_FEED_SIZE,
      options.feedRatePerSecond ?? DEFAULT_FEED_RATE,
    );
    const state = (): ConsoleState => this.state();
    this.hub = new ConsoleEventHub(
      this.feed,
      state,
      options.maxClientBufferBytes ?? DEFAULT_MAX_CLIENT_BUFFER,
    );
    this.context = { sim, feed: this.feed, hub: this.hub, state };
    sim.on('pdu', this.onPdu);
    sim.on('bind', this.onBind);
    sim.on('close', this.onClose);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res));
  }

  /**
   * Starts a console for `sim` and resolves once it listens.
   *
   * @throws RangeError naming the option when one is out of range; the listen error when the port is taken.
   */
  static async start(sim: SmscSimulator, options: SimulatorConsoleOptions = {}): Promise<SimulatorConsole> {
    validateConsoleOptions(options);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') {
      server.close();
      throw new Error('console server has no TCP address');
    }
    return new SimulatorConsole(sim, server, options, address.address, address.port);
  }

  /** The page's address, e.g. `http://127.0.0.1:8025/`. */
  get url(): string {
    const host = isIP(this.host) === 6 ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}/`;
  }

  /** What `GET /api/state` answers. */
  state(): ConsoleState {
    const sim = this.sim;
    return {
      simulator: { url: sim.url, address: sim.address, systemId: sim.systemId },
      sessions: sim.sessions,
      stats: sim.stats(),
      faults: sim.faults,
      feed: {
        size: this.feed.size,
        capacity: this.feed.capacity,
        lastId: this.feed.lastId,
        skipped: this.feed.skipped,
      },
      streams: { clients: this.hub.clientCount, disconnectedTooSlow: this.hub.disconnectedTooSlow },
    };
  }

  /** Ends every event stream, stops listening and detaches from the simulator. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.sim.off('pdu', this.onPdu);
      this.sim.off('bind', this.onBind);
      this.sim.off('close', this.onClose);
      this.hub.close();
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeAllConnections();
      await closed;
    })();
    return this.stopping;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      this.checkHost(req);
      await route(req, res, this.context);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendError(res, error);
        return;
      }
      this.sim.logger.error('console request failed', {
        method: req.method,
        url: req.url,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      sendError(res, new HttpError(500, 'the console failed to answer; see the simulator log.'));
    }
  }

  /** On a loopback listener, only loopback Host names: a rebound DNS name must not reach the switches. */
  private checkHost(req: IncomingMessage): void {
    if (!isLoopback(this.host)) return;
    const hostHeader = req.headers.host ?? '';
    const name = hostHeader.startsWith('[')
      ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
      : hostHeader.split(':')[0];
    if (!LOOPBACK_NAMES.has(name.toLowerCase())) {
      throw new HttpError(
        403,
        `Host "${hostHeader}" is not a loopback name; open the console at ${this.url}`,
      );
    }
  }
}
