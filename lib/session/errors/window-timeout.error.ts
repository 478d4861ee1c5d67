import { NazError } from '../../errors/naz-error.js';

/**
 * A request waited longer than `windowWaitTimeoutMs` for a free window slot (or for the session to become
 * bound and writable), and was never sent.
 *
 * @remarks
 * Nothing reached the SMSC, so retrying is safe. Frequent occurrences mean the SMSC answers slower than the
 * application sends: lower the send rate or raise `windowSize` if the SMSC allows it.
 */
export class WindowTimeoutError extends NazError {
  override readonly name = 'WindowTimeoutError';

  /**
   * @param command - the request that waited (`submit_sm`...).
   * @param waitedMs - how long it waited.
   * @param windowSize - the window size at the time.
   */
  constructor(
    readonly command: string,
    readonly waitedMs: number,
    readonly windowSize: number,
  ) {
    super(
      `${command} waited ${waitedMs} ms for a free window slot (windowSize ${windowSize}) and was not sent; ` +
        'the SMSC answers slower than requests arrive: lower the send rate or raise windowSize',
    );
  }
}
