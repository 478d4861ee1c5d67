import { createRequire } from 'node:module';
import type * as IconvLite from 'iconv-lite';

/** iconv-lite's module object. */
type Iconv = typeof IconvLite;

let loaded: Iconv | undefined;

/**
 * iconv-lite, loaded the first time a codec that needs it runs (ISO-8859-5/8, Shift_JIS, EUC-KR,
 * ISO-2022-JP), not when the package is imported.
 *
 * @remarks
 * Most clients only ever send GSM 03.38, UCS-2 or Latin-1, which need no iconv-lite; importing it eagerly
 * cost ~5 MB of RSS in an ESM process (iconv-lite is CommonJS: the first CommonJS package an ES module
 * imports brings Node's CommonJS export lexer along). `require` is synchronous, as a codec's `encode` must be,
 * and resolves iconv-lite from this file's own location, as the static import did, in the ESM and the
 * CommonJS build alike.
 */
export function iconvLite(): Iconv {
  loaded ??= createRequire(ownFileName())('iconv-lite') as Iconv;
  return loaded;
}

/**
 * The path (CommonJS) or file URL (ESM) of this module, from V8's call-site API: `import.meta.url` exists
 * only in the ESM build and `__filename` only in the CommonJS one, and `createRequire` takes either.
 */
function ownFileName(): string {
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.stackTraceLimit = 1;
    Error.prepareStackTrace = (_error, sites) => sites;
    const sites = new Error().stack as unknown as NodeJS.CallSite[] | undefined;
    const file = sites?.[0]?.getFileName();
    if (file === undefined || file === null)
      throw new Error('iconv-lite: cannot tell where nestjs-naz is installed');
    return file;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}
