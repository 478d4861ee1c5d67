import { describe, it, expect } from '@jest/globals';
import { CommandStatus, describeStatus, formatStatus, statusName } from './command-status.js';

describe('command_status names (SMPP 3.4 Table 5-2, v5.0 Table 4-45)', () => {
  it('formats a status as name and 8-digit hex', () => {
    expect(formatStatus(0x58)).toBe('ESME_RTHROTTLED (0x00000058)');
    expect(formatStatus(CommandStatus.ESME_ROK)).toBe('ESME_ROK (0x00000000)');
  });

  it('maps every name to its code and back', () => {
    expect(CommandStatus.ESME_RMSGQFUL).toBe(0x14);
    expect(CommandStatus.ESME_RINVBCASTCHANIND).toBe(0x112);
    expect(statusName(0x0e)).toBe('ESME_RINVPASWD');
  });

  it('keeps both names of 0xC0-0xC4 and prefers the v3.4 one', () => {
    expect(CommandStatus.ESME_RINVOPTPARSTREAM).toBe(0xc0);
    expect(CommandStatus.ESME_RINVTLVSTREAM).toBe(0xc0);
    expect(statusName(0xc2)).toBe('ESME_RINVPARLEN');
  });

  it('names vendor-specific (0x400-0x4FF) and unknown codes with their hex value', () => {
    expect(statusName(0x401)).toBe('VENDOR_SPECIFIC_0x00000401');
    expect(statusName(0x09)).toBe('UNKNOWN_STATUS_0x00000009');
    expect(formatStatus(0x500)).toBe('UNKNOWN_STATUS_0x00000500 (0x00000500)');
  });

  it('describes codes with the spec text', () => {
    expect(describeStatus(0x58)).toBe('Throttling error (ESME has exceeded allowed message limits)');
    expect(describeStatus(0x450)).toMatch(/vendor/);
  });
});
