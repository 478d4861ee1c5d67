import { CommandId } from '../../../protocol/command-ids.js';
import { FaultState } from '../../faults/fault-state.js';
import type { FaultOptions } from '../../simulator-options.interface.js';
import { badRequest } from '../http/http-error.js';

type Shape = 'integer' | 'number' | 'delay' | 'range' | 'commands' | 'malformedKind';

/** Every fault switch and the JSON shape it takes (see `FaultOptions`). */
const SWITCHES: Record<keyof FaultOptions, Shape> = {
  throttleEveryNth: 'integer',
  throttleAboveRate: 'number',
  queueFullEveryNth: 'integer',
  responseDelayMs: 'delay',
  neverAnswerEveryNth: 'integer',
  neverAnswerCommands: 'commands',
  dropAfterPdus: 'integer',
  randomDropMs: 'range',
  unbindAfterMs: 'number',
  enquireLinkIntervalMs: 'number',
  enquireLinkTimeoutMs: 'number',
  malformedEveryNth: 'integer',
  malformedKind: 'malformedKind',
  receiptBeforeResponse: 'delay',
};

const MALFORMED_KINDS = ['truncated-body', 'bad-command-length', 'unknown-command'];

function isRange(value: unknown): value is { min: number; max: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { min, max } = value as Record<string, unknown>;
  return typeof min === 'number' && typeof max === 'number' && Object.keys(value).length === 2;
}

function checkShape(key: string, shape: Shape, value: unknown): void {
  const ok =
    shape === 'integer' || shape === 'number'
      ? typeof value === 'number'
      : shape === 'delay'
        ? typeof value === 'number' || isRange(value)
        : shape === 'range'
          ? isRange(value)
          : shape === 'commands'
            ? Array.isArray(value) && value.every((c) => typeof c === 'string' && Object.hasOwn(CommandId, c))
            : typeof value === 'string' && MALFORMED_KINDS.includes(value);
  if (ok) return;
  const expected = {
    integer: 'a positive integer',
    number: 'a number > 0',
    delay: 'milliseconds, or { "min": ms, "max": ms }',
    range: '{ "min": ms, "max": ms }',
    commands: 'a list of SMPP command names, e.g. ["submit_sm", "enquire_link"]',
    malformedKind: `one of ${MALFORMED_KINDS.join(', ')}`,
  }[shape];
  throw badRequest(key, `${key} must be ${expected}, or null to turn it off.`);
}

/**
 * Reads the body of `POST /api/faults`: a patch of fault switches, where `null` turns a switch off and keys left
 * out stay as they are (`sim.setFaults` semantics, JSON having no `undefined`).
 *
 * @throws HttpError 400 naming the first unknown switch or bad value; nothing is applied then.
 */
export function parseFaultPatch(body: Record<string, unknown>): FaultOptions {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const shape = (SWITCHES as Record<string, Shape | undefined>)[key];
    if (shape === undefined) {
      throw badRequest(key, `${key} is not a fault switch; known: ${Object.keys(SWITCHES).join(', ')}.`);
    }
    if (value === null) {
      patch[key] = undefined;
      continue;
    }
    checkShape(key, shape, value);
    try {
      // The simulator's own rules decide the ranges; one switch at a time, so the error names its field.
      new FaultState({ [key]: value } as FaultOptions);
    } catch (error) {
      if (error instanceof RangeError) throw badRequest(key, error.message);
      throw error;
    }
    patch[key] = value;
  }
  return patch as FaultOptions;
}
