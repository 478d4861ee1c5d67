// Loads the installed nestjs-naz twice in one process, its ESM build through import and its CommonJS build
// through require, as an app does when one dependency imports it and another requires it. Prints one JSON line
// with what the two copies agree on.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const esm = await import('nestjs-naz');
const cjs = require('nestjs-naz');
const esmCore = await import('nestjs-naz/core');

const tokens = [
  'NAZ_OUTBOUND_QUEUE',
  'NAZ_RATE_LIMITER',
  'NAZ_THROTTLE_HANDLER',
  'NAZ_HOOKS',
  'NAZ_CORRELATOR',
  'NAZ_LOGGER',
  'NAZ_REASSEMBLER',
];
const submitDetails = { commandStatus: 0x0b, statusName: 'ESME_RINVDSTADR', partIndex: 0, partCount: 1 };
const fromCjs = new cjs.SubmitError(submitDetails);
const fromEsm = new esm.SubmitError(submitDetails);
const framing = new cjs.FramingError('command_length 3 is below 16', {
  rule: 'command-length',
  offset: 0,
  status: 0x02,
  commandLength: 3,
});

process.stdout.write(
  `${JSON.stringify({
    cjsResolvedFrom: require.resolve('nestjs-naz'),
    distinctCopies: esm.SmppClient !== cjs.SmppClient && esm.SubmitError !== cjs.SubmitError,
    coreSharesRootCopy: esmCore.SmppClient === esm.SmppClient,
    tokensEqual: Object.fromEntries(tokens.map((t) => [t, typeof esm[t] === 'symbol' && esm[t] === cjs[t]])),
    defaultClientName: esm.DEFAULT_CLIENT_NAME === cjs.DEFAULT_CLIENT_NAME,
    brandEqual: esm.NAZ_ERROR_BRAND === cjs.NAZ_ERROR_BRAND,
    cjsErrorIsNazErrorForEsm: esm.isNazError(fromCjs),
    esmErrorIsNazErrorForCjs: cjs.isNazError(fromEsm),
    cjsErrorInstanceofEsmClass: fromCjs instanceof esm.SubmitError,
    esmErrorInstanceofCjsClass: fromEsm instanceof cjs.SubmitError,
    cjsErrorInstanceofEsmBase: fromCjs instanceof esm.NazError,
    cjsErrorInstanceofOtherEsmClass: fromCjs instanceof esm.BindError,
    subclassInstanceofEsmParent: framing instanceof esm.PduDecodeError,
    namedGuard: esm.isNazErrorNamed(fromCjs, 'SubmitError'),
    namedGuardParent: esm.isNazErrorNamed(framing, 'PduDecodeError'),
    namedGuardOther: esm.isNazErrorNamed(fromCjs, 'BindError'),
    plainErrorIsNazError: esm.isNazError(new Error('x')) || cjs.isNazError(new Error('x')),
    plainErrorInstanceofSubmitError: new Error('x') instanceof esm.SubmitError,
  })}\n`,
);
