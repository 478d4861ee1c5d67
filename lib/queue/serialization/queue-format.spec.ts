import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { QueuedMessage } from '../outbound-queue.interface.js';
import { parseQueuedMessage } from './parse-queued-message.js';
import { QueueMessageFormatError } from './queue-message-format.error.js';
import { serializeQueuedMessage } from './serialize-queued-message.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('queue message format version 1', () => {
  it('round-trips every field of a message, Buffers included', () => {
    const message: QueuedMessage = {
      correlationId: 'order-42',
      to: '254722999999',
      from: 'ACME',
      bytes: Buffer.from([0, 1, 2, 0xff]),
      metadata: { tenant: 't1', nested: { n: 1 } },
      dataCoding: 4,
      longMessage: 'sar',
      registeredDelivery: 1,
      sourceAddrTon: 5,
      sourceAddrNpi: 0,
      destAddrTon: 1,
      destAddrNpi: 1,
      serviceType: 'CMT',
      esmClass: 0x40,
      protocolId: 0,
      priorityFlag: 1,
      scheduleDeliveryTime: '000001000000000R',
      validityPeriod: '000002000000000R',
      tlvs: {
        user_message_reference: 7,
        receipted_message_id: 'abc',
        callback_num: Buffer.from('0101', 'hex'),
        unknown: [{ tag: 0x1401, value: Buffer.from('vendor') }],
      },
      trace: { traceparent: TRACEPARENT, tracestate: 'vendor=value' },
    };
    const parsed = parseQueuedMessage(serializeQueuedMessage(message, { enqueuedAt: 1700000000000 }));
    expect(parsed.format).toBe('envelope');
    expect(parsed.enqueuedAt).toBe(1700000000000);
    expect(parsed.message).toEqual(message);
  });

  it('writes a documented JSON envelope with v: 1 and base64 binary values', () => {
    const json = JSON.parse(
      serializeQueuedMessage({ correlationId: 'c1', to: '1', bytes: Buffer.from('hi') }, { enqueuedAt: 5 }),
    );
    expect(json).toEqual({ v: 1, correlationId: 'c1', to: '1', bytes: 'aGk=', enqueuedAt: 5 });
  });

  it('round-trips any text, address and metadata (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (to, text, from, metadata) => {
          const message: QueuedMessage = { correlationId: 'x', to, text, metadata };
          if (from !== undefined) message.from = from;
          const back = parseQueuedMessage(serializeQueuedMessage(message)).message;
          expect(back).toEqual(JSON.parse(JSON.stringify(message)));
        },
      ),
    );
  });

  it('accepts an item from another language that omits optional fields and correlationId', () => {
    const parsed = parseQueuedMessage('{"v":1,"to":"254700000000","text":"hello"}', {
      fallbackCorrelationId: () => '1700000000000-0',
    });
    expect(parsed.message).toEqual({ correlationId: '1700000000000-0', to: '254700000000', text: 'hello' });
  });

  it('ignores fields it does not know (forward compatible within a version)', () => {
    const parsed = parseQueuedMessage('{"v":1,"to":"1","text":"a","correlationId":"c","futureField":true}');
    expect(parsed.message).toEqual({ correlationId: 'c', to: '1', text: 'a' });
  });
});

describe('the trace context field (format 1.1)', () => {
  it('writes the trace context as its own field, leaving the metadata as the application gave it', () => {
    const json = JSON.parse(
      serializeQueuedMessage(
        {
          correlationId: 'c1',
          to: '1',
          text: 'a',
          metadata: { tenant: 't1' },
          trace: { traceparent: TRACEPARENT },
        },
        { enqueuedAt: 5 },
      ),
    );
    expect(json).toEqual({
      v: 1,
      correlationId: 'c1',
      to: '1',
      text: 'a',
      metadata: { tenant: 't1' },
      trace: { traceparent: TRACEPARENT },
      enqueuedAt: 5,
    });
  });

  it('adds nothing else: a traced item is the untraced one plus `trace`, so a reader that predates it sends it', () => {
    const message: QueuedMessage = { correlationId: 'c1', to: '1', text: 'a', metadata: { tenant: 't1' } };
    const plain = JSON.parse(serializeQueuedMessage(message, { enqueuedAt: 5 }));
    const traced = JSON.parse(
      serializeQueuedMessage({ ...message, trace: { traceparent: TRACEPARENT } }, { enqueuedAt: 5 }),
    );
    const { trace, ...rest } = traced as { trace: unknown };
    expect(trace).toEqual({ traceparent: TRACEPARENT });
    expect(rest).toEqual(plain);
  });

  it('writes only traceparent and tracestate, and no empty tracestate', () => {
    const json = JSON.parse(
      serializeQueuedMessage({
        correlationId: 'c1',
        to: '1',
        text: 'a',
        trace: { traceparent: TRACEPARENT, tracestate: '', baggage: 'x' } as never,
      }),
    );
    expect(json.trace).toEqual({ traceparent: TRACEPARENT });
  });

  it('reads an item of an earlier release that carried the context in metadata, and takes it out of the metadata', () => {
    const legacy = {
      v: 1,
      correlationId: 'c',
      to: '1',
      text: 'a',
      metadata: { tenant: 't1', traceparent: TRACEPARENT, tracestate: 'vendor=value' },
    };
    expect(parseQueuedMessage(JSON.stringify(legacy)).message).toEqual({
      correlationId: 'c',
      to: '1',
      text: 'a',
      metadata: { tenant: 't1' },
      trace: { traceparent: TRACEPARENT, tracestate: 'vendor=value' },
    });
  });

  it('leaves no empty metadata behind when the legacy context was all it held', () => {
    const legacy = { v: 1, correlationId: 'c', to: '1', text: 'a', metadata: { traceparent: TRACEPARENT } };
    expect(parseQueuedMessage(JSON.stringify(legacy)).message).toEqual({
      correlationId: 'c',
      to: '1',
      text: 'a',
      trace: { traceparent: TRACEPARENT },
    });
  });

  it("keeps metadata keys named traceparent as the application's own when the item has a `trace` field", () => {
    const item = {
      v: 1,
      correlationId: 'c',
      to: '1',
      text: 'a',
      metadata: { traceparent: 'mine' },
      trace: { traceparent: TRACEPARENT },
    };
    expect(parseQueuedMessage(JSON.stringify(item)).message).toMatchObject({
      metadata: { traceparent: 'mine' },
      trace: { traceparent: TRACEPARENT },
    });
  });

  it("passes a malformed traceparent string on: what it says is the tracing's business, it never fails a message", () => {
    const item = { v: 1, correlationId: 'c', to: '1', text: 'a', trace: { traceparent: 'not-a-trace' } };
    expect(parseQueuedMessage(JSON.stringify(item)).message.trace).toEqual({ traceparent: 'not-a-trace' });
  });

  it('treats trace: null as absent', () => {
    const item = { v: 1, correlationId: 'c', to: '1', text: 'a', trace: null };
    expect(parseQueuedMessage(JSON.stringify(item)).message).toEqual({
      correlationId: 'c',
      to: '1',
      text: 'a',
    });
  });
});

describe('Python naz queue items', () => {
  it('maps a naz ≥ 0.6 item (smpp_command, log_id, hook_metadata)', () => {
    const item = {
      version: 1,
      smpp_command: 'submit_sm',
      log_id: 'myid12345',
      pdu: null,
      short_message: 'Hello World',
      source_addr: '254722111111',
      destination_addr: '254722999999',
      hook_metadata: '{"tenant": 3}',
    };
    const parsed = parseQueuedMessage(JSON.stringify(item));
    expect(parsed.format).toBe('naz');
    expect(parsed.message).toEqual({
      correlationId: 'myid12345',
      to: '254722999999',
      from: '254722111111',
      text: 'Hello World',
      metadata: { hookMetadata: '{"tenant": 3}' },
    });
  });

  it('maps an older naz item (version "1", smpp_event, correlation_id) and its SMPP fields', () => {
    const item = {
      version: '1',
      smpp_event: 'submit_sm',
      correlation_id: 'c-9',
      short_message: 'hi',
      destination_addr: '254722999999',
      source_addr: 'ACME',
      source_addr_ton: 5,
      registered_delivery: 1,
      data_coding: 8,
      service_type: 'CMT',
    };
    expect(parseQueuedMessage(JSON.stringify(item)).message).toEqual({
      correlationId: 'c-9',
      to: '254722999999',
      from: 'ACME',
      text: 'hi',
      sourceAddrTon: 5,
      registeredDelivery: 1,
      dataCoding: 8,
      serviceType: 'CMT',
    });
  });
});

describe('items that cannot be sent are rejected with the field and the rule', () => {
  const cases: Array<[string, string, string]> = [
    ['not json', '{oops', '$'],
    ['a JSON array', '[1,2]', '$'],
    ['neither envelope nor naz', '{"to":"1"}', '$'],
    ['an unknown envelope version', '{"v":2,"to":"1","text":"a"}', 'v'],
    ['a missing destination', '{"v":1,"text":"a"}', 'to'],
    ['neither text nor bytes', '{"v":1,"to":"1"}', 'text'],
    ['bytes that are not base64', '{"v":1,"to":"1","bytes":"%%%"}', 'bytes'],
    ['a data_coding out of range', '{"v":1,"to":"1","text":"a","dataCoding":256}', 'dataCoding'],
    ['an unknown long-message method', '{"v":1,"to":"1","text":"a","longMessage":"zip"}', 'longMessage'],
    [
      'a TLV of the wrong shape',
      '{"v":1,"to":"1","text":"a","tlvs":{"callback_num":[1]}}',
      'tlvs.callback_num',
    ],
    [
      'a trace context that is not an object',
      `{"v":1,"to":"1","text":"a","trace":"${TRACEPARENT}"}`,
      'trace',
    ],
    ['a trace context without traceparent', '{"v":1,"to":"1","text":"a","trace":{}}', 'trace.traceparent'],
    [
      'a tracestate that is not a string',
      `{"v":1,"to":"1","text":"a","trace":{"traceparent":"${TRACEPARENT}","tracestate":7}}`,
      'trace.tracestate',
    ],
    [
      'a naz item of another version',
      '{"version":"2","smpp_command":"submit_sm","destination_addr":"1"}',
      'version',
    ],
    [
      'a naz item of another command',
      '{"version":1,"smpp_command":"query_sm","destination_addr":"1"}',
      'smpp_command',
    ],
    [
      'a naz item with a pre-encoded pdu',
      '{"version":1,"smpp_command":"submit_sm","pdu":"xx","destination_addr":"1"}',
      'pdu',
    ],
  ];
  it.each(cases)('%s', (_name, raw, field) => {
    let error: unknown;
    try {
      parseQueuedMessage(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueueMessageFormatError);
    expect((error as QueueMessageFormatError).field).toBe(field);
    expect((error as QueueMessageFormatError).message).toContain(field);
  });
});
