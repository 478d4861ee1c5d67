import type { ResolvedRouteTarget } from './resolved-router-options.interface.js';

/**
 * The order in which a message tries its route's clients: one weighted client drawn by weight goes first, then
 * every other client in the order listed. Without weights, the order listed.
 *
 * @param random - uniform in [0, 1); inject a seeded one to test the distribution.
 * @param eligible - weighted clients drawn among (those that can take a message now), so a weight of a skipped
 * client is not lost to a failover: its share goes to the other weighted clients.
 */
export function candidateOrder(
  targets: readonly ResolvedRouteTarget[],
  random: () => number,
  eligible: (client: string) => boolean = () => true,
): string[] {
  let total = 0;
  for (const t of targets) if (t.weight > 0 && eligible(t.client)) total += t.weight;
  if (total === 0) return targets.map((t) => t.client);
  let draw = random() * total;
  let first: string | undefined;
  for (const t of targets) {
    if (t.weight <= 0 || !eligible(t.client)) continue;
    draw -= t.weight;
    if (draw < 0) {
      first = t.client;
      break;
    }
  }
  // Floating point may leave draw at exactly 0 after the last weight: the last eligible weighted client.
  first ??= [...targets].reverse().find((t) => t.weight > 0 && eligible(t.client))!.client;
  const order = [first];
  for (const t of targets) if (t.client !== first) order.push(t.client);
  return order;
}
