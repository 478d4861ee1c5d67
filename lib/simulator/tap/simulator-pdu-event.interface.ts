/** One PDU on the wire, as the simulator's `'pdu'` event reports it. */
export interface SimulatorPduEvent {
  /** `'received'`: the ESME sent it; `'sent'`: the simulator wrote it. */
  direction: 'received' | 'sent';
  /** Connection number (see `sim.sessions`). */
  connectionId: number;
  /** system_id of the session ('' before its bind succeeded, so a bind request itself carries ''). */
  systemId: string;
  /**
   * The PDU's bytes, header included. Malformed bytes the simulator writes on purpose (`sendMalformed`,
   * `malformedEveryNth`) come as they were written, so a listener must decode defensively.
   */
  frame: Buffer;
  /** When it was read, or handed to the socket (epoch ms). */
  at: number;
}
