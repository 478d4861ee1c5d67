import type { SessionInfo } from '../connection/smsc-connection.js';
import type { SimulatorStatsSnapshot } from '../stats/simulator-stats.js';
import type { FaultOptions } from '../simulator-options.interface.js';

/** Everything the page shows that is not the feed or the store: `GET /api/state`, and the stream's `state` event. */
export interface ConsoleState {
  simulator: {
    /** `smpp://host:port`. */
    url: string;
    address: string;
    /** system_id the simulator answers binds with. */
    systemId: string;
  };
  /** Live connections, bound or not (the page lists the bound ones). */
  sessions: SessionInfo[];
  stats: SimulatorStatsSnapshot;
  /** Fault switches in force. */
  faults: FaultOptions;
  feed: {
    size: number;
    capacity: number;
    /** Id of the newest event. */
    lastId: number;
    /** PDUs past the feed's rate cap, not shown (still counted in `stats`). */
    skipped: number;
  };
  streams: {
    /** Event-stream clients connected now. */
    clients: number;
    /** Clients disconnected because they left more than `maxClientBufferBytes` unread. */
    disconnectedTooSlow: number;
  };
}
