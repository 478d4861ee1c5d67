import { describe, it, expect } from '@jest/globals';
import { NAZ_ERROR_BRAND, NazError, isNazError } from './naz-error.js';
import { isNazErrorNamed } from './is-naz-error-named.js';
import { BindError, FramingError, PduDecodeError, SubmitError } from './index.js';

/**
 * Another copy of the library, as the CommonJS build is beside the ESM one: classes of the same names, other
 * identities, the same `Symbol.for` brand. (test/consumers proves the same with the two real builds.)
 */
const { NazError: OtherNazError } = {
  NazError: class extends Error {},
};
Object.defineProperty(OtherNazError.prototype, Symbol.for('nestjs-naz.error'), { value: true });
const { SubmitError: OtherSubmitError } = { SubmitError: class extends OtherNazError {} };

const submitDetails = { commandStatus: 0x0b, statusName: 'ESME_RINVDSTADR', partIndex: 0, partCount: 1 };

describe('recognising nestjs-naz errors', () => {
  it('brands every library error with the registered symbol', () => {
    expect(NAZ_ERROR_BRAND).toBe(Symbol.for('nestjs-naz.error'));
    expect(isNazError(new SubmitError(submitDetails))).toBe(true);
    expect(isNazError(new BindError('bind_transceiver', 0x0e, 'ESME_RINVPASWD', 'rejected'))).toBe(true);
  });

  it('does not take other errors or values for ours', () => {
    for (const value of [
      new Error('x'),
      new TypeError('x'),
      { name: 'SubmitError' },
      'SubmitError',
      null,
      undefined,
    ]) {
      expect(isNazError(value)).toBe(false);
      expect(value instanceof SubmitError).toBe(false);
    }
  });

  it('keeps instanceof exact within one copy', () => {
    const error = new SubmitError(submitDetails);
    expect(error instanceof SubmitError).toBe(true);
    expect(error instanceof NazError).toBe(true);
    expect(error instanceof Error).toBe(true);
    expect(error instanceof BindError).toBe(false);
  });

  it('answers instanceof for an error of the other copy by brand and class name', () => {
    const foreign = new OtherSubmitError('submit_sm rejected');
    expect(foreign instanceof SubmitError).toBe(true);
    expect(foreign instanceof NazError).toBe(true);
    expect(foreign instanceof BindError).toBe(false);
    expect(isNazError(foreign)).toBe(true);
  });

  it('names a class and its subclasses with isNazErrorNamed', () => {
    const framing = new FramingError('command_length 3 is below 16', {
      rule: 'command-length',
      offset: 0,
      status: 0x02,
      commandLength: 3,
    });
    expect(isNazErrorNamed(framing, 'FramingError')).toBe(true);
    expect(isNazErrorNamed(framing, 'PduDecodeError')).toBe(true);
    expect(framing instanceof PduDecodeError).toBe(true);
    expect(isNazErrorNamed(framing, 'SubmitError')).toBe(false);
    expect(isNazErrorNamed(new OtherSubmitError('x'), 'SubmitError')).toBe(true);
    expect(isNazErrorNamed(new Error('x'), 'NazError')).toBe(false);
  });

  it('narrows the type for the caller', () => {
    const caught: unknown = new SubmitError(submitDetails);
    if (!isNazErrorNamed(caught, 'SubmitError')) throw new Error('expected a SubmitError');
    expect(caught.statusName).toBe('ESME_RINVDSTADR');
  });
});
