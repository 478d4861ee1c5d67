import { CommandStatus } from '../protocol/command-status.js';
import type { RequestCommandName } from '../protocol/command-ids.js';
import { splitMessage } from '../protocol/long-message/split-message.js';
import type { GenericNack, Pdu, PduInput, QuerySmResp } from '../protocol/pdu.types.js';
import type { SmppSession } from '../session/smpp-session.js';
import { toError } from '../errors/to-error.js';
import type { ClientContext } from './client-context.js';
import { InvalidMessageError } from './errors/invalid-message.error.js';
import { SmscRequestError } from './errors/smsc-request.error.js';
import { runHook } from './run-hook.js';

/** Options of `query()`. */
export interface QueryOptions {
  sourceAddr?: string;
  sourceAddrTon?: number;
  sourceAddrNpi?: number;
}

/** Options of `cancel()`. */
export interface CancelOptions {
  sourceAddr?: string;
  destinationAddr?: string;
  serviceType?: string;
}

/** What `replace()` changes. */
export interface ReplaceOptions {
  text?: string;
  bytes?: Buffer;
  /**
   * data_coding of the replacement text. replace_sm has no data_coding field (SMPP 3.4 §4.10.1): the SMSC keeps
   * the original's, so encode the new text the same way. @default chosen from the text (GSM 03.38, else UCS-2)
   */
  dataCoding?: number;
  sourceAddr?: string;
  registeredDelivery?: boolean | number;
  scheduleDeliveryTime?: string;
  validityPeriod?: string;
}

/**
 * @internal The requests about a message already submitted (query_sm, cancel_sm, replace_sm), sent on a bound
 * session of the pool with the client's hooks; `SmppClient.query()`, `cancel()` and `replace()` call them.
 */
export class SmscRequests {
  constructor(
    private readonly ctx: ClientContext,
    /** A bound session, waiting for one when none is (see `SmppClient`). */
    private readonly boundSession: (what: string) => Promise<SmppSession>,
  ) {}

  /**
   * query_sm (SMPP 3.4 §4.8): the state of a message previously submitted.
   * @param messageId - the id from submit_sm_resp, as the SMSC gave it.
   * @throws SmscRequestError when the SMSC answers an error (e.g. ESME_RQUERYFAIL), NotBoundError.
   */
  async query(messageId: string, options: QueryOptions = {}): Promise<QuerySmResp> {
    const d = this.ctx.options.defaults;
    const response = await this.request('query_sm', {
      command: 'query_sm',
      message_id: messageId,
      source_addr_ton: options.sourceAddrTon ?? d.sourceAddrTon,
      source_addr_npi: options.sourceAddrNpi ?? d.sourceAddrNpi,
      source_addr: options.sourceAddr ?? d.from,
    });
    return response as QuerySmResp;
  }

  /**
   * cancel_sm (SMPP 3.4 §4.9): cancels a message not yet delivered.
   * @throws SmscRequestError (e.g. ESME_RCANCELFAIL), NotBoundError.
   */
  async cancel(messageId: string, options: CancelOptions = {}): Promise<void> {
    const d = this.ctx.options.defaults;
    await this.request('cancel_sm', {
      command: 'cancel_sm',
      service_type: options.serviceType ?? d.serviceType,
      message_id: messageId,
      source_addr_ton: d.sourceAddrTon,
      source_addr_npi: d.sourceAddrNpi,
      source_addr: options.sourceAddr ?? d.from,
      dest_addr_ton: d.destAddrTon,
      dest_addr_npi: d.destAddrNpi,
      destination_addr: options.destinationAddr ?? '',
    });
  }

  /**
   * replace_sm (SMPP 3.4 §4.10): replaces a message not yet delivered.
   * @throws InvalidMessageError (the new text needs more than one part: replace_sm carries one short_message),
   * SmscRequestError (e.g. ESME_RREPLACEFAIL), NotBoundError.
   */
  async replace(messageId: string, replacement: ReplaceOptions): Promise<void> {
    const d = this.ctx.options.defaults;
    let shortMessage = replacement.bytes;
    if (shortMessage === undefined && replacement.text !== undefined) {
      let parts;
      try {
        parts = splitMessage(replacement.text, {
          reference: 0,
          maxParts: 1,
          dataCoding: replacement.dataCoding,
          registry: this.ctx.codecs,
        });
      } catch (error) {
        throw new InvalidMessageError(
          'short_message',
          'single-part',
          `replacement text: ${toError(error).message}`,
        );
      }
      shortMessage = parts[0].short_message;
    }
    if (shortMessage !== undefined && shortMessage.length > 254) {
      throw new InvalidMessageError(
        'short_message',
        'max-length',
        'replacement is over 254 octets (SMPP 3.4 §5.2.21)',
      );
    }
    const rd = replacement.registeredDelivery ?? d.registeredDelivery;
    await this.request('replace_sm', {
      command: 'replace_sm',
      message_id: messageId,
      source_addr_ton: d.sourceAddrTon,
      source_addr_npi: d.sourceAddrNpi,
      source_addr: replacement.sourceAddr ?? d.from,
      schedule_delivery_time: replacement.scheduleDeliveryTime ?? '',
      validity_period: replacement.validityPeriod ?? '',
      registered_delivery: rd === true ? 1 : rd === false ? 0 : rd,
      sm_default_msg_id: 0,
      short_message: shortMessage ?? Buffer.alloc(0),
    });
  }

  private async request<C extends RequestCommandName>(command: C, pdu: PduInput<C>): Promise<Pdu> {
    const session = await this.boundSession(command);
    const hooks = this.ctx.hooks;
    const context = { client: this.ctx.name, request: pdu as Pdu };
    if (hooks?.beforeRequest) runHook(this.ctx, 'beforeRequest', () => hooks.beforeRequest!(context));
    const startedAt = performance.now();
    const response = (await session.request(pdu)) as Pdu | GenericNack;
    if (hooks?.afterResponse) {
      const elapsedMs = performance.now() - startedAt;
      runHook(this.ctx, 'afterResponse', () => hooks.afterResponse!({ ...context, response, elapsedMs }));
    }
    if (response.command_status !== 0 || response.command === 'generic_nack') {
      // ESME_RUNKNOWNERR stands in for a generic_nack that (wrongly) carried status 0.
      const status = response.command_status || CommandStatus.ESME_RUNKNOWNERR;
      throw new SmscRequestError({
        command,
        commandStatus: status,
        responseCommand: response.command === 'generic_nack' ? 'generic_nack' : undefined,
      });
    }
    return response;
  }
}
