/**
 * The throttle policy: how the client reacts to an SMSC that says "slow down".
 *
 * @remarks
 * Told about every response's command_status, it decides how long the whole session pauses before the
 * next submit. Session-wide on purpose: pausing only the throttled message would reorder traffic. The default
 * is naz's sampling handler (a share of `ESME_RTHROTTLED`/`ESME_RMSGQFUL` over a sampling period denies
 * sending for a delay). Bind your own with `NAZ_THROTTLE_HANDLER`.
 */
export interface ThrottleHandler {
  /** Called with the command_status of each submit response. */
  onResponse(commandStatus: number): void;
  /** Milliseconds to wait before the next submit; 0 means go now. */
  delayMs(): number;
}
