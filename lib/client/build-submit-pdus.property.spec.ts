import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';

import { gsm7PackedCodec } from '../protocol/encoding/gsm7.codec.js';
import { TextCodecRegistry } from '../protocol/encoding/text-codec.registry.js';
import type { LongMessageMethod, OutboundMessage } from '../message/outbound-message.interface.js';
import { splitMessage } from '../protocol/long-message/split-message.js';
import { buildSubmitPdus } from './build-submit-pdus.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import { validateClientOptions } from './validate-client-options.js';

const settings = validateClientOptions({
  host: 'h',
  port: 1,
  systemId: 's',
  password: 'p',
  defaults: { from: 'ACME', sourceAddrTon: 5, maxParts: 4 },
});
const builtIn = new TextCodecRegistry();
const packed = new TextCodecRegistry().register(0, gsm7PackedCodec);

const gsmChars = [...'abcXYZ 019@£$§Δ\n'];
const extensionChars = [...'€{}[]~^|\\\f'];
const otherChars = ['я', 'é', '中', '😀', '\uD83D'];

/** Texts around the 160-septet line, mostly GSM, with extension characters, now and then a non-GSM one. */
const texts = fc.oneof(
  // At most 160 characters, a few of them extension characters (two septets): right across the line.
  fc
    .tuple(
      fc.array(fc.constantFrom(...gsmChars), { minLength: 150, maxLength: 160 }),
      fc.array(fc.constantFrom(...extensionChars), { maxLength: 4 }),
    )
    .map(([basic, extension]) => (extension.join('') + basic.join('')).slice(0, 160)),
  fc.array(fc.constantFrom(...gsmChars), { minLength: 150, maxLength: 170 }).map((a) => a.join('')),
  fc
    .array(fc.constantFrom(...gsmChars, ...gsmChars, ...extensionChars), { minLength: 140, maxLength: 165 })
    .map((a) => a.join('')),
  fc
    .array(fc.constantFrom(...gsmChars, ...extensionChars, ...otherChars), { maxLength: 100 })
    .map((a) => a.join('')),
);

const messages = fc.record(
  {
    to: fc.constant('447700900123'),
    text: texts,
    esmClass: fc.constantFrom(0, 0x03, 0x40),
    dataCoding: fc.constantFrom(0, 3, 8),
    longMessage: fc.constantFrom<LongMessageMethod>('udh8', 'udh16', 'sar', 'payload'),
    registeredDelivery: fc.constantFrom(true, false, 2),
    tlvs: fc.constant({ user_message_reference: 7 }),
  },
  { requiredKeys: ['to', 'text'] },
);

/** What the general path makes of a message: the splitter's parts, the message's TLVs added to each. */
function splitterParts(
  message: OutboundMessage,
  reference: number,
  registry: TextCodecRegistry,
): unknown[] | string {
  try {
    return splitMessage(message.text!, {
      method: message.longMessage ?? settings.defaults.longMessage,
      reference,
      maxParts: settings.defaults.maxParts,
      esmClass: message.esmClass,
      dataCoding: message.dataCoding,
      registry,
    }).map((part) => ({
      short_message: part.short_message,
      esm_class: part.esm_class,
      data_coding: part.data_coding,
      tlvs: part.tlvs || message.tlvs ? { ...message.tlvs, ...part.tlvs } : undefined,
    }));
  } catch {
    return 'rejected';
  }
}

function builtParts(
  message: OutboundMessage,
  reference: number,
  registry: TextCodecRegistry,
): unknown[] | string {
  try {
    return buildSubmitPdus(message, settings, registry, reference).map((pdu) => ({
      short_message: pdu.short_message,
      esm_class: pdu.esm_class,
      data_coding: pdu.data_coding,
      tlvs: pdu.tlvs,
    }));
  } catch (error) {
    // The builder names the message field of any error the splitter throws.
    return error instanceof InvalidMessageError ? 'rejected' : String(error);
  }
}

describe('buildSubmitPdus: the single-part GSM fast path', () => {
  it('gives the splitter’s parts for any text, option and codec registry', () => {
    fc.assert(
      fc.property(
        messages,
        fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(-1, 1.5)),
        fc.constantFrom(builtIn, packed),
        (message, reference, registry) => {
          const built = builtParts(message, reference, registry);
          const split = splitterParts(message, reference, registry);
          expect(built).toEqual(split);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
