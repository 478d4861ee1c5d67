import { binaryCodec } from './binary.codec.js';
import { DataCoding } from './data-coding.constants.js';
import { baseDataCoding } from './data-coding-scheme.js';
import { gsm7Codec } from './gsm7.codec.js';
import { cyrillicCodec, hebrewCodec, ksc5601Codec, shiftJisCodec } from './iconv.codec.js';
import { iso2022JpCodec } from './iso-2022-jp.codec.js';
import { ia5Codec, latin1Codec } from './single-byte.codec.js';
import type { TextCodec } from './text-codec.interface.js';
import { ucs2Codec } from './ucs2.codec.js';
import { InvalidTextCodecError } from './invalid-text-codec.error.js';
import { UnencodableTextError } from './unencodable-text.error.js';
import { UnknownDataCodingError } from './unknown-data-coding.error.js';

/** What {@link TextCodecRegistry.decode} makes of received octets. */
export interface DecodedText {
  /**
   * The text, when a text codec is registered for `dataCoding`. Absent for binary data_codings
   * (0x02, 0x04, 0xF4-0xF7) and for data_codings without a codec: `bytes` is then the content.
   */
  text?: string;
  /** The octets as received. */
  bytes: Buffer;
  /** The data_coding they were received with. */
  dataCoding: number;
}

/**
 * The built-in codecs, by data_coding. 0x09 (pictogram) and 0x0D (JIS X 0212) have no agreed byte form
 * and are left out: received as raw bytes unless you register a codec.
 */
export const BUILT_IN_TEXT_CODECS: ReadonlyMap<number, TextCodec> = new Map<number, TextCodec>([
  [DataCoding.SMSC_DEFAULT, gsm7Codec],
  [DataCoding.IA5, ia5Codec],
  [DataCoding.OCTET_UNSPECIFIED, binaryCodec],
  [DataCoding.LATIN1, latin1Codec],
  [DataCoding.OCTET_UNSPECIFIED_2, binaryCodec],
  [DataCoding.JIS, shiftJisCodec],
  [DataCoding.CYRILLIC, cyrillicCodec],
  [DataCoding.LATIN_HEBREW, hebrewCodec],
  [DataCoding.UCS2, ucs2Codec],
  [DataCoding.ISO_2022_JP, iso2022JpCodec],
  [DataCoding.KS_C_5601, ksc5601Codec],
]);

/** Options of {@link TextCodecRegistry}. */
export interface TextCodecRegistryOptions {
  /**
   * Start with the built-in codecs ({@link BUILT_IN_TEXT_CODECS}).
   * @default true
   */
  builtIns?: boolean;
}

/**
 * Maps data_coding values to text codecs, for sending and receiving.
 *
 * @remarks
 * Lookup is by exact data_coding first, then by the data_coding whose alphabet it uses
 * (`baseDataCoding`: 0xF0-0xF3 and 0xC0-0xDF use the 0x00 codec, 0xF4-0xF7 the 0x04 codec, 0xE0-0xEF
 * the 0x08 codec). So registering a packed GSM codec for 0x00 also applies to 0xF1.
 *
 * @example
 * const codecs = new TextCodecRegistry().register(DataCoding.SMSC_DEFAULT, gsm7PackedCodec);
 * codecs.encode('hello', 0x00); // <Buffer e8 32 9b fd 06>
 */
export class TextCodecRegistry {
  private readonly codecs = new Map<number, TextCodec>();

  constructor(options: TextCodecRegistryOptions = {}) {
    if (options.builtIns ?? true) {
      for (const [dataCoding, codec] of BUILT_IN_TEXT_CODECS) this.codecs.set(dataCoding, codec);
    }
  }

  /**
   * Registers `codec` for `dataCoding` (0-255), replacing any built-in. Returns the registry for chaining.
   * @throws RangeError for a data_coding outside 0-255; InvalidTextCodecError when `codec` lacks a member of
   * `TextCodec` (named in the error).
   */
  register(dataCoding: number, codec: TextCodec): this {
    if (!Number.isInteger(dataCoding) || dataCoding < 0 || dataCoding > 0xff) {
      throw new RangeError(`data_coding must be an integer 0-255 (SMPP 3.4 §5.2.19); got ${dataCoding}.`);
    }
    checkTextCodec(dataCoding, codec);
    this.codecs.set(dataCoding, codec);
    return this;
  }

  /** The codec for `dataCoding`, or `undefined` when none applies. */
  get(dataCoding: number): TextCodec | undefined {
    return this.codecs.get(dataCoding) ?? this.codecs.get(baseDataCoding(dataCoding));
  }

  /** Like {@link get}, but throws `UnknownDataCodingError` when no codec applies. */
  require(dataCoding: number): TextCodec {
    const codec = this.get(dataCoding);
    if (!codec) throw new UnknownDataCodingError(dataCoding);
    return codec;
  }

  /**
   * Encodes `text` for `dataCoding`.
   * @throws UnknownDataCodingError when no codec applies.
   * @throws UnencodableTextError (naming `dataCoding`) when the charset lacks a character.
   */
  encode(text: string, dataCoding: number): Buffer {
    const codec = this.require(dataCoding);
    try {
      return codec.encode(text);
    } catch (error) {
      if (error instanceof UnencodableTextError && error.dataCoding === undefined) {
        throw error.withDataCoding(dataCoding);
      }
      throw error;
    }
  }

  /** Whether `text` can be encoded for `dataCoding`. */
  canEncode(text: string, dataCoding: number): boolean {
    return this.get(dataCoding)?.canEncode(text) ?? false;
  }

  /**
   * Decodes received octets. Never throws: an unknown data_coding or a binary one yields the raw bytes
   * and the code without `text`, rather than garbage text.
   *
   * @param headerLength - octets of user data header that preceded `bytes` (`extractConcatInfo(pdu).headerLength`);
   * packed GSM needs it to skip the fill bits (TS 23.040 §9.2.3.24).
   */
  decode(bytes: Buffer, dataCoding: number, headerLength = 0): DecodedText {
    const codec = this.get(dataCoding);
    if (!codec || codec.kind === 'binary') return { bytes, dataCoding };
    const text =
      headerLength > 0 && codec.decodeAfterHeader
        ? codec.decodeAfterHeader(bytes, headerLength)
        : codec.decode(bytes);
    return { text, bytes, dataCoding };
  }
}

const CODEC_METHODS = ['encode', 'decode', 'canEncode', 'measure'] as const;
const CODEC_KINDS: readonly unknown[] = ['text', 'binary'];
const CODEC_UNITS: readonly unknown[] = ['septet', 'octet', 'ucs2'];

/** Checks a codec against the `TextCodec` contract (duck typing: a codec is often a plain object). */
function checkTextCodec(dataCoding: number, codec: unknown): void {
  const fail = (member: string, rule: string): never => {
    throw new InvalidTextCodecError(
      dataCoding,
      member,
      `register(${dataCoding}, codec): the codec ${rule}; a TextCodec has name, kind ('text' | 'binary'), ` +
        `unit ('septet' | 'octet' | 'ucs2'), encode(), decode(), canEncode() and measure()`,
    );
  };
  if ((typeof codec !== 'object' && typeof codec !== 'function') || codec === null) {
    fail(
      'codec',
      `must be an object, got ${typeof codec === 'string' ? JSON.stringify(codec) : String(codec)}`,
    );
  }
  const c = codec as Record<string, unknown>;
  for (const method of CODEC_METHODS) {
    if (typeof c[method] !== 'function') fail(method, `has no ${method}() method`);
  }
  if (typeof c.name !== 'string') fail('name', 'has no name (a string, used in errors)');
  if (!CODEC_KINDS.includes(c.kind)) fail('kind', `has kind ${String(c.kind)}`);
  if (!CODEC_UNITS.includes(c.unit)) fail('unit', `has unit ${String(c.unit)}`);
  for (const optional of ['encodeAfterHeader', 'decodeAfterHeader'] as const) {
    if (c[optional] !== undefined && typeof c[optional] !== 'function') {
      fail(optional, `has ${optional} that is not a function`);
    }
  }
}

/**
 * The shared registry with the built-in codecs, used when no registry is passed.
 *
 * @remarks
 * Registering on it changes every user in the process; prefer your own `new TextCodecRegistry()` in
 * libraries and tests.
 */
export const defaultTextCodecs = new TextCodecRegistry();
