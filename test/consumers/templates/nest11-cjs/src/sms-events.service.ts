import { Injectable, Logger } from '@nestjs/common';
import {
  OnDeliverSm,
  OnDeliveryReceipt,
  OnSubmitResult,
  type DeliveryReceiptEvent,
  type InboundMessageEvent,
  type SubmitResultEvent,
} from 'nestjs-naz';

@Injectable()
export class SmsEvents {
  private readonly logger = new Logger(SmsEvents.name);
  readonly receipts: DeliveryReceiptEvent[] = [];

  @OnSubmitResult()
  onSubmitResult(event: SubmitResultEvent): void {
    this.logger.log(`submit result ${event.correlationId}: ${event.status}`);
  }

  @OnDeliveryReceipt()
  onReceipt(event: DeliveryReceiptEvent): void {
    this.receipts.push(event);
    this.logger.log(`receipt ${event.correlationId}: ${event.receipt.state}`);
  }

  @OnDeliverSm()
  onInbound(event: InboundMessageEvent): void {
    this.logger.log(`inbound from ${event.from}: ${event.text}`);
  }
}
