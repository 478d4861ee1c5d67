/** Header carrying the delivery attempt (1 on the first enqueue). */
export const ATTEMPT_HEADER = 'x-naz-attempt';
/** Header carrying why a dead-lettered message failed. */
export const REASON_HEADER = 'x-naz-reason';
