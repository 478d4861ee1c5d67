import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SmppClient } from '../../lib/client/index.js';
import type { RunSpec } from './driver.interface.js';
import { nazEngineDriver } from './naz-engine.driver.js';
import type { RunResult } from '../support/run-result.js';

/** What a bench needs of an entry point. */
interface Entry {
  SmppClient: typeof SmppClient;
}

/** The package root, `nestjs-naz`: the whole library, the Nest module included (so `@nestjs/*`, rxjs...). */
const ROOT_ENTRY = new URL('../../lib/index.js', import.meta.url);

/** The lean entry, `nestjs-naz/core`: everything without Nest. */
const CORE_ENTRY = new URL('../../lib/core/index.js', import.meta.url);

/**
 * Until `lib/core/index.ts` exists, what it is to hold (the package root minus `lib/nest`, per the design's
 * entry points): the same modules, imported one by one, so the figure is what the core entry will weigh.
 */
const CORE_STAND_IN = [
  'protocol/index.js',
  'protocol/encoding/index.js',
  'protocol/long-message/index.js',
  'protocol/receipt/index.js',
  'session/index.js',
  'client/index.js',
  'queue/in-memory-outbound-queue.js',
  'rate-limit/index.js',
  'throttle/index.js',
  'hooks/index.js',
  'correlation/in-memory-correlator.js',
  'logging/index.js',
  'errors/index.js',
  'queue/serialization/index.js',
  'queue/redis/index.js',
  'queue/rabbitmq/index.js',
  'correlation/redis/index.js',
  'reassembly/index.js',
  'simulator/index.js',
  'tokens.js',
].map((path) => new URL(`../../lib/${path}`, import.meta.url));

/** Which module the core-entry driver loads: the entry itself once it exists, else the stand-in. */
export function coreEntryKind(): 'lib/core/index.js' | 'stand-in (root minus lib/nest)' {
  return existsSync(fileURLToPath(CORE_ENTRY)) ? 'lib/core/index.js' : 'stand-in (root minus lib/nest)';
}

async function load(url: URL): Promise<Entry> {
  return (await import(url.href)) as Entry;
}

/**
 * The bare engine as a plain-Node user gets it from the package root (`import { SmppClient } from
 * 'nestjs-naz'`): the run's peak RSS includes everything that import loads.
 */
export async function nazRootEntryDriver(spec: RunSpec): Promise<RunResult> {
  const entry = await load(ROOT_ENTRY);
  return nazEngineDriver(spec, undefined, entry.SmppClient);
}

/** The bare engine imported from the core entry (or its stand-in, see {@link coreEntryKind}). */
export async function nazCoreEntryDriver(spec: RunSpec): Promise<RunResult> {
  if (coreEntryKind() === 'lib/core/index.js') {
    return nazEngineDriver(spec, undefined, (await load(CORE_ENTRY)).SmppClient);
  }
  let client: Entry | undefined;
  for (const url of CORE_STAND_IN) {
    const module = (await import(url.href)) as Partial<Entry>;
    client ??= module.SmppClient ? { SmppClient: module.SmppClient } : undefined;
  }
  return nazEngineDriver(spec, undefined, client!.SmppClient);
}
