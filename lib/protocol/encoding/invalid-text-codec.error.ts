/**
 * Thrown by `TextCodecRegistry.register` when the codec does not implement `TextCodec`: caught at registration,
 * not as a `TypeError` at the first message encoded with it.
 */
export class InvalidTextCodecError extends Error {
  override readonly name = 'InvalidTextCodecError';

  constructor(
    /** The data_coding it was registered for. */
    readonly dataCoding: number,
    /** The member that is missing or wrong (`encode`, `kind`...), or `codec` when it is not an object. */
    readonly member: string,
    message: string,
  ) {
    super(message);
  }
}
