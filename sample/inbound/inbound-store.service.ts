import { Injectable, Logger } from '@nestjs/common';
import type { InboundMessageEvent } from '../../lib/index.js';
import { OnDeliverSm } from '../../lib/index.js';

/** One message received from a mobile, as `GET /inbound` lists it. */
export interface InboundRecord {
  from: string;
  to: string;
  text?: string;
  dataCoding: number;
  parts: number;
  receivedAt: string;
}

/** Keeps the last inbound (MO) messages. */
@Injectable()
export class InboundStore {
  private static readonly CAPACITY = 100;
  private readonly logger = new Logger(InboundStore.name);
  private readonly records: InboundRecord[] = [];

  /** Every inbound message (long ones already joined); the SMSC gets its deliver_sm_resp once this returns. */
  @OnDeliverSm()
  onMessage(message: InboundMessageEvent): void {
    this.records.unshift({
      from: message.from,
      to: message.to,
      text: message.text,
      dataCoding: message.dataCoding,
      parts: message.pdus.length,
      receivedAt: new Date().toISOString(),
    });
    this.records.length = Math.min(this.records.length, InboundStore.CAPACITY);
    this.logger.log(
      `inbound message from ${message.from}: ${message.text ?? `(${message.bytes.length} octets)`}`,
    );
  }

  /** Newest first. */
  list(): InboundRecord[] {
    return [...this.records];
  }
}
