/**
 * How far `send()` may run ahead of the SMSC's answers: two windows and a thousand messages. The producer
 * tops its lead up whenever it falls to half, so at the low point a full window is in flight and 500 more
 * messages wait in the queue: the window never starves, and the backlog is what a service running at the
 * SMSC's pace holds. (Until issue 13 the lead was ten windows: 10,000 built messages at window 1000, a backlog
 * that outlived the young generation, so every scavenge copied it and the old generation collected it; that
 * measured the garbage collector under a queue the bench chose, not the client. The soak scenario shows
 * memory under a long stream.) `BENCH_LEAD_WINDOWS` sets the lead to that many windows instead (at least
 * 1,000 messages), to measure the effect of a deeper backlog.
 */
export function producerLead(window: number): number {
  const windows = process.env.BENCH_LEAD_WINDOWS;
  if (windows !== undefined) return Math.max(1000, Math.round(Number(windows) * window));
  return 2 * window + 1000;
}
