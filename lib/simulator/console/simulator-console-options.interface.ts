/** Options of the simulator's web console (`SmscSimulator.start({ http: { port } })`, `naz-smsc --http <port>`). */
export interface SimulatorConsoleOptions {
  /** TCP port; 0 picks a free one (read it back from `sim.console.url`). @default 0 */
  port?: number;
  /**
   * Interface to listen on. On a loopback address the console also refuses requests whose Host header is not a
   * loopback name, so a web page elsewhere cannot reach it through DNS rebinding.
   * @default '127.0.0.1'
   */
  host?: string;
  /** Traffic events kept in memory, for the page's first load and for reconnecting clients. @default 1000 */
  feedSize?: number;
  /**
   * Most PDUs per second turned into feed events; beyond that they are counted as skipped, so a load test
   * does not pay for the console (the counters stay exact: they come from `stats()`).
   * @default 1000
   */
  feedRatePerSecond?: number;
  /**
   * Bytes an event-stream client may leave unread before it is disconnected (its browser reconnects and
   * resumes from the feed, told how many events it missed).
   * @default 1048576
   */
  maxClientBufferBytes?: number;
}
