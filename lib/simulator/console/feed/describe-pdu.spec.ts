import { describe, expect, it } from '@jest/globals';
import { CommandStatus } from '../../../protocol/command-status.js';
import { encodePdu, type AnyPduInput } from '../../../protocol/index.js';
import { splitMessage } from '../../../protocol/long-message/index.js';
import { malformedBytes } from '../../faults/malformed-bytes.js';
import { describePdu } from './describe-pdu.js';

const tap = (frame: Buffer, direction: 'received' | 'sent' = 'received') =>
  describePdu({ direction, connectionId: 3, systemId: 'shop', frame, at: 1000 }, 42);
const pdu = (input: AnyPduInput) => encodePdu({ sequence_number: 9, ...input } as AnyPduInput);

describe('describePdu', () => {
  it('shows a bind with its system_id and mode, never its password', () => {
    const event = tap(pdu({ command: 'bind_transmitter', system_id: 'shop', password: 'sekrit1' }));
    expect(event).toMatchObject({
      id: 42,
      at: 1000,
      direction: 'in',
      kind: 'bind',
      systemId: 'shop',
      note: 'transmitter',
    });
    expect(JSON.stringify(event)).not.toContain('sekrit1');
  });

  it('decodes a submit part after its UDH and names the part', () => {
    const [, second] = splitMessage('x'.repeat(200), { dataCoding: 0, method: 'udh8', reference: 5 });
    const frame = pdu({
      command: 'submit_sm',
      source_addr: 'ACME',
      destination_addr: '447700900123',
      esm_class: second.esm_class,
      data_coding: 0,
      short_message: second.short_message,
    });
    expect(tap(frame)).toMatchObject({
      kind: 'submit',
      from: 'ACME',
      to: '447700900123',
      part: '2/2',
      text: 'x'.repeat(47),
    });
  });

  it('reads a response from its header: status name, and the message id when there is a body', () => {
    expect(tap(pdu({ command: 'submit_sm_resp', message_id: '77' }), 'sent')).toMatchObject({
      direction: 'out',
      kind: 'response',
      status: 'ESME_ROK',
      messageId: '77',
    });
    const throttled = Buffer.from('00000010800000040000005800000009', 'hex');
    const event = tap(throttled, 'sent');
    expect(event).toMatchObject({ kind: 'response', command: 'submit_sm_resp', status: 'ESME_RTHROTTLED' });
    expect(event.messageId).toBeUndefined();
    expect(CommandStatus.ESME_RTHROTTLED).toBe(0x58);
  });

  it('tells a receipt (id and state) from an MO message (text)', () => {
    const receipt = pdu({
      command: 'deliver_sm',
      esm_class: 0x04,
      short_message: Buffer.from(
        'id:12 sub:001 dlvrd:001 submit date:2601011200 done date:2601011201 stat:UNDELIV err:001 text:hi',
      ),
    });
    expect(tap(receipt, 'sent')).toMatchObject({ kind: 'receipt', messageId: '12', state: 'UNDELIV' });
    const mo = pdu({
      command: 'deliver_sm',
      source_addr: '447700900001',
      data_coding: 8,
      short_message: Buffer.from('\u00e9t\u00e9', 'utf16le').swap16(),
    });
    expect(tap(mo, 'sent')).toMatchObject({ kind: 'mo', from: '447700900001', text: '\u00e9t\u00e9' });
  });

  it('summarises binary data by size and cuts long texts', () => {
    expect(tap(pdu({ command: 'submit_sm', data_coding: 4, short_message: Buffer.alloc(10) }))).toMatchObject(
      {
        note: '10 octets, data_coding 4',
      },
    );
    const long = tap(pdu({ command: 'data_sm', tlvs: { message_payload: Buffer.from('y'.repeat(500)) } }));
    expect(long.text).toBe(`${'y'.repeat(200)}…`);
  });

  it('never throws on bytes that do not decode', () => {
    expect(tap(malformedBytes('truncated-body', 5), 'sent')).toMatchObject({
      kind: 'malformed',
      command: 'deliver_sm',
    });
    expect(tap(Buffer.from('0000000800000015', 'hex'))).toMatchObject({
      kind: 'malformed',
      note: '8 octets, no header',
    });
    expect(tap(malformedBytes('unknown-command', 6), 'sent')).toMatchObject({
      kind: 'other',
      note: 'unknown command_id',
    });
  });
});
