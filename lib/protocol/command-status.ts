/**
 * SMPP command_status codes (SMPP 3.4 Table 5-2, pp.112-114; SMPP v5.0 Table 4-45, p.122).
 *
 * @remarks
 * Users see status codes as names with their hex value (`ESME_RTHROTTLED (0x00000058)`), never as bare
 * numbers: use {@link formatStatus}.
 */

interface StatusRow {
  readonly name: string;
  readonly code: number;
  readonly description: string;
}

/**
 * Every command_status of SMPP 3.4 §5.1.3 (and the 5.0 additions): code, name and description, the source of
 * `CommandStatus`, `statusName()` and `describeStatus()`. One row per name: v5.0 renamed 0xC0-0xC4; both names
 * are kept, the v3.4 name first (it wins in `statusName`).
 */
export const STATUS_ROWS = [
  { name: 'ESME_ROK', code: 0x00, description: 'No Error' },
  { name: 'ESME_RINVMSGLEN', code: 0x01, description: 'Message Length is invalid' },
  { name: 'ESME_RINVCMDLEN', code: 0x02, description: 'Command Length is invalid' },
  { name: 'ESME_RINVCMDID', code: 0x03, description: 'Invalid Command ID' },
  { name: 'ESME_RINVBNDSTS', code: 0x04, description: 'Incorrect BIND Status for given command' },
  { name: 'ESME_RALYBND', code: 0x05, description: 'ESME Already in Bound State' },
  { name: 'ESME_RINVPRTFLG', code: 0x06, description: 'Invalid Priority Flag' },
  { name: 'ESME_RINVREGDLVFLG', code: 0x07, description: 'Invalid Registered Delivery Flag' },
  { name: 'ESME_RSYSERR', code: 0x08, description: 'System Error' },
  { name: 'ESME_RINVSRCADR', code: 0x0a, description: 'Invalid Source Address' },
  { name: 'ESME_RINVDSTADR', code: 0x0b, description: 'Invalid Dest Addr' },
  { name: 'ESME_RINVMSGID', code: 0x0c, description: 'Message ID is invalid' },
  { name: 'ESME_RBINDFAIL', code: 0x0d, description: 'Bind Failed' },
  { name: 'ESME_RINVPASWD', code: 0x0e, description: 'Invalid Password' },
  { name: 'ESME_RINVSYSID', code: 0x0f, description: 'Invalid System ID' },
  { name: 'ESME_RCANCELFAIL', code: 0x11, description: 'Cancel SM Failed' },
  { name: 'ESME_RREPLACEFAIL', code: 0x13, description: 'Replace SM Failed' },
  { name: 'ESME_RMSGQFUL', code: 0x14, description: 'Message Queue Full' },
  { name: 'ESME_RINVSERTYP', code: 0x15, description: 'Invalid Service Type' },
  { name: 'ESME_RINVNUMDESTS', code: 0x33, description: 'Invalid number of destinations' },
  { name: 'ESME_RINVDLNAME', code: 0x34, description: 'Invalid Distribution List name' },
  { name: 'ESME_RINVDESTFLAG', code: 0x40, description: 'Destination flag is invalid (submit_multi)' },
  { name: 'ESME_RINVSUBREP', code: 0x42, description: "Invalid 'submit with replace' request" },
  { name: 'ESME_RINVESMCLASS', code: 0x43, description: 'Invalid esm_class field data' },
  { name: 'ESME_RCNTSUBDL', code: 0x44, description: 'Cannot Submit to Distribution List' },
  { name: 'ESME_RSUBMITFAIL', code: 0x45, description: 'submit_sm or submit_multi failed' },
  { name: 'ESME_RINVSRCTON', code: 0x48, description: 'Invalid Source address TON' },
  { name: 'ESME_RINVSRCNPI', code: 0x49, description: 'Invalid Source address NPI' },
  { name: 'ESME_RINVDSTTON', code: 0x50, description: 'Invalid Destination address TON' },
  { name: 'ESME_RINVDSTNPI', code: 0x51, description: 'Invalid Destination address NPI' },
  { name: 'ESME_RINVSYSTYP', code: 0x53, description: 'Invalid system_type field' },
  { name: 'ESME_RINVREPFLAG', code: 0x54, description: 'Invalid replace_if_present flag' },
  { name: 'ESME_RINVNUMMSGS', code: 0x55, description: 'Invalid number of messages' },
  {
    name: 'ESME_RTHROTTLED',
    code: 0x58,
    description: 'Throttling error (ESME has exceeded allowed message limits)',
  },
  { name: 'ESME_RINVSCHED', code: 0x61, description: 'Invalid Scheduled Delivery Time' },
  { name: 'ESME_RINVEXPIRY', code: 0x62, description: 'Invalid message validity period (Expiry time)' },
  { name: 'ESME_RINVDFTMSGID', code: 0x63, description: 'Predefined Message Invalid or Not Found' },
  { name: 'ESME_RX_T_APPN', code: 0x64, description: 'ESME Receiver Temporary App Error Code' },
  { name: 'ESME_RX_P_APPN', code: 0x65, description: 'ESME Receiver Permanent App Error Code' },
  { name: 'ESME_RX_R_APPN', code: 0x66, description: 'ESME Receiver Reject Message Error Code' },
  { name: 'ESME_RQUERYFAIL', code: 0x67, description: 'query_sm request failed' },
  { name: 'ESME_RINVOPTPARSTREAM', code: 0xc0, description: 'Error in the optional part of the PDU Body' },
  { name: 'ESME_ROPTPARNOTALLWD', code: 0xc1, description: 'Optional Parameter not allowed' },
  { name: 'ESME_RINVPARLEN', code: 0xc2, description: 'Invalid Parameter Length' },
  { name: 'ESME_RMISSINGOPTPARAM', code: 0xc3, description: 'Expected Optional Parameter missing' },
  { name: 'ESME_RINVOPTPARAMVAL', code: 0xc4, description: 'Invalid Optional Parameter Value' },
  // SMPP v5.0 names of 0xC0-0xC4 (v5.0 Table 4-45)
  { name: 'ESME_RINVTLVSTREAM', code: 0xc0, description: 'Error in the optional part of the PDU Body' },
  { name: 'ESME_RTLVNOTALLWD', code: 0xc1, description: 'TLV not allowed' },
  { name: 'ESME_RINVTLVLEN', code: 0xc2, description: 'Invalid Parameter Length' },
  { name: 'ESME_RMISSINGTLV', code: 0xc3, description: 'Expected TLV missing' },
  { name: 'ESME_RINVTLVVAL', code: 0xc4, description: 'Invalid TLV Value' },
  { name: 'ESME_RDELIVERYFAILURE', code: 0xfe, description: 'Delivery Failure (used for data_sm_resp)' },
  { name: 'ESME_RUNKNOWNERR', code: 0xff, description: 'Unknown Error' },
  // SMPP v5.0 additions (v5.0 Table 4-45)
  {
    name: 'ESME_RSERTYPUNAUTH',
    code: 0x100,
    description: 'ESME Not authorised to use specified service_type',
  },
  { name: 'ESME_RPROHIBITED', code: 0x101, description: 'ESME Prohibited from using specified operation' },
  { name: 'ESME_RSERTYPUNAVAIL', code: 0x102, description: 'Specified service_type is unavailable' },
  { name: 'ESME_RSERTYPDENIED', code: 0x103, description: 'Specified service_type is denied' },
  { name: 'ESME_RINVDCS', code: 0x104, description: 'Invalid Data Coding Scheme' },
  { name: 'ESME_RINVSRCADDRSUBUNIT', code: 0x105, description: 'Source Address Sub unit is Invalid' },
  { name: 'ESME_RINVDSTADDRSUBUNIT', code: 0x106, description: 'Destination Address Sub unit is Invalid' },
  { name: 'ESME_RINVBCASTFREQINT', code: 0x107, description: 'Broadcast Frequency Interval is invalid' },
  { name: 'ESME_RINVBCASTALIAS_NAME', code: 0x108, description: 'Broadcast Alias Name is invalid' },
  { name: 'ESME_RINVBCASTAREAFMT', code: 0x109, description: 'Broadcast Area Format is invalid' },
  { name: 'ESME_RINVNUMBCAST_AREAS', code: 0x10a, description: 'Number of Broadcast Areas is invalid' },
  { name: 'ESME_RINVBCASTCNTTYPE', code: 0x10b, description: 'Broadcast Content Type is invalid' },
  { name: 'ESME_RINVBCASTMSGCLASS', code: 0x10c, description: 'Broadcast Message Class is invalid' },
  { name: 'ESME_RBCASTFAIL', code: 0x10d, description: 'broadcast_sm operation failed' },
  { name: 'ESME_RBCASTQUERYFAIL', code: 0x10e, description: 'query_broadcast_sm operation failed' },
  { name: 'ESME_RBCASTCANCELFAIL', code: 0x10f, description: 'cancel_broadcast_sm operation failed' },
  { name: 'ESME_RINVBCAST_REP', code: 0x110, description: 'Number of Repeated Broadcasts is invalid' },
  { name: 'ESME_RINVBCASTSRVGRP', code: 0x111, description: 'Broadcast Service Group is invalid' },
  { name: 'ESME_RINVBCASTCHANIND', code: 0x112, description: 'Broadcast Channel Indicator is invalid' },
] as const satisfies readonly StatusRow[];

/** A command_status name known to this library, e.g. `'ESME_RTHROTTLED'`. */
export type CommandStatusName = (typeof STATUS_ROWS)[number]['name'];

/** command_status name → numeric code (SMPP 3.4 Table 5-2 and the v5.0 additions and renames). */
export const CommandStatus = Object.freeze(
  Object.fromEntries(STATUS_ROWS.map((row) => [row.name, row.code])),
) as { readonly [N in CommandStatusName]: Extract<(typeof STATUS_ROWS)[number], { name: N }>['code'] };

const ROW_BY_CODE: ReadonlyMap<number, StatusRow> = (() => {
  const map = new Map<number, StatusRow>();
  // First row wins: the v3.4 name of 0xC0-0xC4 is the one users of a v3.4 library expect.
  for (const row of STATUS_ROWS) if (!map.has(row.code)) map.set(row.code, row);
  return map;
})();

/** `0x00000058` style: 8 upper-case hex digits, as logged by most SMSCs. */
export function formatHex32(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** Whether a code lies in 0x400-0x4FF, "reserved for SMSC vendor specific errors" (Table 5-2). */
export function isVendorSpecificStatus(code: number): boolean {
  return code >= 0x400 && code <= 0x4ff;
}

/**
 * The name of a command_status code.
 *
 * @returns the spec name (`ESME_RTHROTTLED`); `VENDOR_SPECIFIC_0x00000400` for 0x400-0x4FF;
 * `UNKNOWN_STATUS_0x00000009` for reserved or unknown codes, so the value is never lost.
 */
export function statusName(code: number): string {
  const row = ROW_BY_CODE.get(code);
  if (row) return row.name;
  return isVendorSpecificStatus(code)
    ? `VENDOR_SPECIFIC_${formatHex32(code)}`
    : `UNKNOWN_STATUS_${formatHex32(code)}`;
}

/** The spec's description of a command_status code (Table 5-2), or what its range is reserved for. */
export function describeStatus(code: number): string {
  const row = ROW_BY_CODE.get(code);
  if (row) return row.description;
  if (isVendorSpecificStatus(code)) return 'Reserved for SMSC vendor specific errors';
  return 'Reserved or unknown status code';
}

/**
 * A command_status as users should see it: name and hex value.
 *
 * @example formatStatus(0x58) // 'ESME_RTHROTTLED (0x00000058)'
 */
export function formatStatus(code: number): string {
  return `${statusName(code)} (${formatHex32(code)})`;
}
