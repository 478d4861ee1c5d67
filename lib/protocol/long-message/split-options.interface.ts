import type { TextCodecRegistry } from '../encoding/text-codec.registry.js';
import type { SplitMethod } from './long-message.constants.js';

/** Options shared by `splitMessage` and `splitBinary`. */
export interface SplitCommonOptions {
  /**
   * How parts are linked when the content does not fit one message:
   * - `'udh8'`: a 6-octet user data header with an 8-bit reference, the most widely supported;
   * - `'udh16'`: a 7-octet UDH with a 16-bit reference (one character less per part);
   * - `'sar'`: the sar_* TLVs, no UDH, full capacity per part (the SMSC builds the UDH);
   * - `'payload'`: no split: the whole content in one message_payload TLV (up to 65535 octets).
   *
   * Content that fits one message is never split and goes in short_message whatever the method.
   * @default 'udh8'
   */
  method?: SplitMethod;
  /**
   * The concatenation reference shared by all parts of this message: keep a running counter per
   * destination. Taken modulo 256 for `'udh8'` and modulo 65536 for `'udh16'` and `'sar'`.
   */
  reference: number;
  /**
   * Refuse to produce more parts than this (1-255; a part count travels in one octet).
   * @default 255
   */
  maxParts?: number;
  /**
   * The esm_class to start from (messaging mode, reply path...); UDHI is added when parts carry a UDH.
   * @default 0
   */
  esmClass?: number;
}

/** Options of `splitMessage`. */
export interface SplitMessageOptions extends SplitCommonOptions {
  /** The data_coding to encode with. @default chooseDataCoding(text): 0x00 (GSM) if it fits, else 0x08 (UCS2). */
  dataCoding?: number;
  /** Where codecs are looked up. @default defaultTextCodecs */
  registry?: TextCodecRegistry;
  /**
   * Pack GSM 7-bit text (8 characters in 7 octets), with fill bits after the UDH. Only for data_codings
   * that use the GSM alphabet (0x00, 0xF0-0xF3, 0xC0-0xDF).
   * @default false
   */
  packed?: boolean;
}

/** Options of `splitBinary`. */
export interface SplitBinaryOptions extends SplitCommonOptions {
  /** The data_coding to send with. @default 0x04 (octet unspecified; 8-bit data in GSM terms) */
  dataCoding?: number;
}
