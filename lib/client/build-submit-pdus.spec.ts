import { describe, it, expect } from '@jest/globals';
import { buildSubmitPdus } from './build-submit-pdus.js';
import { validateClientOptions } from './validate-client-options.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import { TextCodecRegistry } from '../protocol/encoding/text-codec.registry.js';

const settings = validateClientOptions({
  host: 'h',
  port: 1,
  systemId: 's',
  password: 'p',
  defaults: { from: 'ACME', sourceAddrTon: 5, maxParts: 3 },
});
const codecs = new TextCodecRegistry();

describe('buildSubmitPdus', () => {
  it('sends GSM-compatible text with data_coding 0x00 and the defaults applied', () => {
    const [pdu] = buildSubmitPdus({ to: '447700900123', text: 'Hello @ world' }, settings, codecs, 1);
    expect(pdu).toMatchObject({
      command: 'submit_sm',
      source_addr: 'ACME',
      source_addr_ton: 5,
      destination_addr: '447700900123',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      data_coding: 0,
      registered_delivery: 1,
      esm_class: 0,
    });
    expect(pdu.short_message?.[6]).toBe(0x00); // '@' is 0x00 in GSM 03.38
  });

  it('switches to UCS-2 for emoji and splits with a UDH, every part sharing the reference', () => {
    const text = '😀'.repeat(40); // 80 UTF-16 code units > 70
    const pdus = buildSubmitPdus({ to: '1', text }, settings, codecs, 42);
    expect(pdus).toHaveLength(2);
    for (const [i, pdu] of pdus.entries()) {
      expect(pdu.data_coding).toBe(8);
      expect(pdu.esm_class).toBe(0x40);
      expect([...pdu.short_message!.subarray(0, 6)]).toEqual([5, 0, 3, 42, 2, i + 1]);
    }
  });

  it('fails a message needing more parts than defaults.maxParts, naming text', () => {
    expect(() => buildSubmitPdus({ to: '1', text: 'x'.repeat(153 * 3 + 1) }, settings, codecs, 1)).toThrow(
      expect.objectContaining({ field: 'text', rule: 'max-parts' }) as unknown as Error,
    );
  });

  it('fails text the forced data_coding cannot carry', () => {
    expect(() => buildSubmitPdus({ to: '1', text: 'Привет', dataCoding: 3 }, settings, codecs, 1)).toThrow(
      InvalidMessageError,
    );
  });

  it('sends bytes as binary and carries extra TLVs on every part', () => {
    const [pdu] = buildSubmitPdus(
      {
        to: '1',
        bytes: Buffer.from([1, 2, 3]),
        registeredDelivery: false,
        tlvs: { user_message_reference: 7 },
      },
      settings,
      codecs,
      1,
    );
    expect(pdu).toMatchObject({
      data_coding: 4,
      registered_delivery: 0,
      tlvs: { user_message_reference: 7 },
    });
  });
});
