import { describe, expect, it } from '@jest/globals';
import {
  CommandStatus,
  decodePdu,
  encodePdu,
  type AnyPduInput,
  type SubmitSm,
} from '../../protocol/index.js';
import { validateSubmit } from './validate-submit.js';

const decoded = (input: AnyPduInput) =>
  decodePdu(encodePdu({ sequence_number: 1, ...input } as AnyPduInput)) as SubmitSm;
const submit = (extra: Partial<SubmitSm>) =>
  decoded({
    command: 'submit_sm',
    destination_addr: '447700900123',
    short_message: Buffer.from('x'),
    ...extra,
  });

describe('validateSubmit (the SMSC checks the liberal decoder leaves to it)', () => {
  it('accepts a plain submit_sm with valid absolute and relative times', () => {
    expect(validateSubmit(submit({}))).toBe(CommandStatus.ESME_ROK);
    expect(
      validateSubmit(
        submit({ schedule_delivery_time: '250101120000004+', validity_period: '000002000000000R' }),
      ),
    ).toBe(CommandStatus.ESME_ROK);
  });

  it.each([
    ['an empty destination_addr (§5.2.9)', { destination_addr: '' }, CommandStatus.ESME_RINVDSTADR],
    ['priority_flag 4 (§5.2.14)', { priority_flag: 4 }, CommandStatus.ESME_RINVPRTFLG],
    ['registered_delivery 3 (§5.2.17)', { registered_delivery: 3 }, CommandStatus.ESME_RINVREGDLVFLG],
    [
      'a bad schedule_delivery_time (§7.1.1)',
      { schedule_delivery_time: '2501011200000' },
      CommandStatus.ESME_RINVSCHED,
    ],
    [
      'an offset above 48 quarter hours',
      { schedule_delivery_time: '250101120000049+' },
      CommandStatus.ESME_RINVSCHED,
    ],
    ['a bad validity_period', { validity_period: 'tomorrow' }, CommandStatus.ESME_RINVEXPIRY],
    [
      'short_message together with message_payload (§5.2.21)',
      { tlvs: { message_payload: Buffer.from('y') } },
      CommandStatus.ESME_RINVMSGLEN,
    ],
  ] as const)('refuses %s', (_, extra, status) => {
    // Built on a decoded PDU: our encoder refuses most of these, but a peer's bytes can carry them.
    expect(validateSubmit({ ...submit({}), ...(extra as Partial<SubmitSm>) })).toBe(status);
  });

  it('refuses over-long fields the decoder lets through', () => {
    const pdu = submit({});
    expect(validateSubmit({ ...pdu, service_type: 'TOOLONG' })).toBe(CommandStatus.ESME_RINVSERTYP);
    expect(validateSubmit({ ...pdu, source_addr: '1'.repeat(21) })).toBe(CommandStatus.ESME_RINVSRCADR);
    expect(validateSubmit({ ...pdu, destination_addr: '1'.repeat(21) })).toBe(CommandStatus.ESME_RINVDSTADR);
    expect(validateSubmit({ ...pdu, short_message: Buffer.alloc(255) })).toBe(CommandStatus.ESME_RINVMSGLEN);
  });

  it('checks submit_multi destinations', () => {
    const multi = decodePdu(
      encodePdu({
        command: 'submit_multi',
        sequence_number: 1,
        dest_addresses: [{ dest_flag: 1, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '1' }],
      }),
    );
    if (multi.command !== 'submit_multi') throw new Error('not submit_multi');
    expect(validateSubmit(multi)).toBe(CommandStatus.ESME_ROK);
    expect(validateSubmit({ ...multi, dest_addresses: [] })).toBe(CommandStatus.ESME_RINVNUMDESTS);
  });
});
