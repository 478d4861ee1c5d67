import { validateDelay } from './faults/delay-spec.js';
import { FaultState } from './faults/fault-state.js';
import { validateReceiptRoute } from './receipts/receipt-route.js';
import { ReceiptStatePicker } from './receipts/receipt-state.js';
import type { SmscSimulatorOptions } from './simulator-options.interface.js';
import { MessageIdAllocator } from './store/message-id.js';
import { validateConsoleOptions } from './console/validate-console-options.js';

/**
 * Checks every option of `SmscSimulator.start` and throws a RangeError naming the first bad one, so a
 * configuration error is reported at start-up and never leaves a listening socket behind.
 */
export function validateSimulatorOptions(options: SmscSimulatorOptions): void {
  const {
    port,
    storeCapacity,
    maxCommandLength,
    messageIdFormat,
    credentials,
    receipts,
    faults,
    deliverWindow,
    maxBindsPerAccount,
  } = options;
  const checkBinds = (value: number | undefined, what: string) => {
    if (value !== undefined && (!Number.isInteger(value) || value < 1))
      throw new RangeError(`${what} ${value} must be an integer >= 1.`);
  };
  checkBinds(maxBindsPerAccount, 'maxBindsPerAccount');
  for (const credential of credentials ?? [])
    checkBinds(credential.maxBinds, `maxBinds of credential "${credential.system_id}"`);
  if (deliverWindow !== undefined && (!Number.isInteger(deliverWindow) || deliverWindow < 0)) {
    throw new RangeError(`deliverWindow ${deliverWindow} must be an integer >= 0 (0 = no limit).`);
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new RangeError(`port ${port} must be an integer 0-65535 (0 picks a free port).`);
  }
  if (storeCapacity !== undefined && (!Number.isInteger(storeCapacity) || storeCapacity < 1)) {
    throw new RangeError(`storeCapacity ${storeCapacity} must be a positive integer.`);
  }
  if (maxCommandLength !== undefined && (!Number.isInteger(maxCommandLength) || maxCommandLength < 16)) {
    throw new RangeError(
      `maxCommandLength ${maxCommandLength} must be an integer >= 16 (the PDU header, §3.2).`,
    );
  }
  if (messageIdFormat !== undefined && messageIdFormat !== 'decimal' && messageIdFormat !== 'hex') {
    throw new RangeError(`messageIdFormat "${String(messageIdFormat)}" must be 'decimal' or 'hex'.`);
  }
  new MessageIdAllocator(messageIdFormat, options.messageIdStart);
  for (const credential of credentials ?? []) {
    // §4.1.1 Table 4-1: system_id max 16 octets, password max 9, both including the NUL.
    if (credential.system_id.length > 15) {
      throw new RangeError(
        `credential system_id "${credential.system_id}" is longer than 15 characters (§4.1.1).`,
      );
    }
    if (credential.password.length > 8) {
      throw new RangeError(
        `the password of credential "${credential.system_id}" is longer than 8 characters (§4.1.1).`,
      );
    }
  }
  validateDelay('receipts.delayMs', receipts?.delayMs);
  validateReceiptRoute(receipts?.route);
  if (receipts?.states !== undefined) new ReceiptStatePicker(receipts.states);
  new FaultState(faults);
  if (options.http !== undefined) validateConsoleOptions(options.http);
  if (options.mo !== undefined && (!Number.isFinite(options.mo.rate) || options.mo.rate <= 0)) {
    throw new RangeError(`mo.rate ${options.mo.rate} must be a number of messages per second > 0.`);
  }
}
