import { describe, it, expect } from '@jest/globals';
import { CommandId, commandNameOf, isResponseCommand, responseCommandOf } from './command-ids.js';

describe('command_id values (SMPP 3.4 Table 5-1, v5.0 broadcast operations)', () => {
  it('gives responses the request id with bit 31 set (§3.2)', () => {
    expect(CommandId.submit_sm).toBe(0x00000004);
    expect(CommandId.submit_sm_resp).toBe(0x80000004);
    expect(CommandId.generic_nack).toBe(0x80000000);
    expect(CommandId.broadcast_sm).toBe(0x00000111);
    expect(CommandId.cancel_broadcast_sm_resp).toBe(0x80000113);
  });

  it('finds the name of an id and nothing for unknown ids', () => {
    expect(commandNameOf(0x80000015)).toBe('enquire_link_resp');
    expect(commandNameOf(0x0000000b)).toBe('outbind');
    expect(commandNameOf(0x00000104)).toBeUndefined();
  });

  it('tells responses from requests', () => {
    expect(isResponseCommand('generic_nack')).toBe(true);
    expect(isResponseCommand('data_sm_resp')).toBe(true);
    expect(isResponseCommand('deliver_sm')).toBe(false);
  });

  it('pairs requests with their responses, and none for alert_notification, outbind, generic_nack', () => {
    expect(responseCommandOf('submit_sm')).toBe('submit_sm_resp');
    expect(responseCommandOf('query_broadcast_sm')).toBe('query_broadcast_sm_resp');
    expect(responseCommandOf('alert_notification')).toBeUndefined();
    expect(responseCommandOf('outbind')).toBeUndefined();
    expect(responseCommandOf('generic_nack')).toBeUndefined();
    expect(responseCommandOf('submit_sm_resp')).toBeUndefined();
  });
});
