/**
 * How far `send()` may run ahead of the SMSC's answers: ten windows' worth (at least 1,000). That keeps the
 * window full at every size while the backlog stays what a healthy service holds. A far larger lead (an
 * earlier version used 20,000 at every window) measures something else: a backlog of built messages that
 * outlives the young generation, so every scavenge copies it and the old generation collects it, about a
 * third more CPU per message in `npm run bench:profile`. The soak scenario shows memory under a long stream.
 */
export function producerLead(window: number): number {
  return Math.max(1000, 10 * window);
}
