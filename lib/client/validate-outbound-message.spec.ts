import { describe, it, expect } from '@jest/globals';
import { validateOutboundMessage } from './validate-outbound-message.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import type { OutboundMessage } from '../message/outbound-message.interface.js';

const defaults = { from: 'ACME', sourceAddrTon: 5, destAddrTon: 1 };

function errorOf(message: Partial<OutboundMessage>): InvalidMessageError {
  try {
    validateOutboundMessage(message as OutboundMessage, defaults);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidMessageError);
    return e as InvalidMessageError;
  }
  throw new Error('expected InvalidMessageError');
}

describe('validateOutboundMessage', () => {
  it('accepts a plain message', () => {
    expect(() => validateOutboundMessage({ to: '447700900123', text: 'hi' }, defaults)).not.toThrow();
  });

  it('names destination_addr and the §5.2.9 limit when the number is too long', () => {
    const e = errorOf({ to: '447700900123447700900123', text: 'x' });
    expect(e.field).toBe('destination_addr');
    expect(e.rule).toBe('max-length');
    expect(e.message).toBe(
      'destination_addr "447700900123447700900123" is 24 characters; SMPP 3.4 allows at most 20 (§5.2.9)',
    );
  });

  it('refuses "+" and spaces in an international number, saying how to fix it', () => {
    const e = errorOf({ to: '+44 7700 900123', text: 'x' });
    expect(e.field).toBe('destination_addr');
    expect(e.message).toContain('without "+" or spaces');
  });

  it.each([
    [{ text: 'x' }, 'destination_addr', 'required'],
    [{ to: '1' }, 'short_message', 'required'],
    [{ to: '1', text: 'a', bytes: Buffer.from('a') }, 'short_message', 'exclusive'],
    [{ to: '1', text: 'x', from: 'A-sender-name-too-long' }, 'source_addr', 'max-length'],
    [{ to: '1', text: 'x', dataCoding: 300 }, 'data_coding', 'range'],
    [{ to: '1', text: 'x', priorityFlag: 4 }, 'priority_flag', 'range'],
    [{ to: '1', text: 'x', validityPeriod: 'tomorrow' }, 'validity_period', 'time-format'],
    [{ to: '1', text: 'x', serviceType: 'toolong' }, 'service_type', 'max-length'],
    [{ to: '1', text: 'bad \uD83D' }, 'text', 'well-formed'],
    [{ to: '1', text: 'x', correlationId: '' }, 'correlationId', 'type'],
  ] as Array<[Partial<OutboundMessage>, string, string]>)('rejects %j on %s (%s)', (message, field, rule) => {
    const e = errorOf(message);
    expect([e.field, e.rule]).toEqual([field, rule]);
  });

  it('accepts SMPP absolute and relative times (§7.1.1)', () => {
    expect(() =>
      validateOutboundMessage(
        { to: '1', text: 'x', scheduleDeliveryTime: '250102030405000+', validityPeriod: '000001000000000R' },
        defaults,
      ),
    ).not.toThrow();
  });
});
