/**
 * Optional parameters (TLVs, SMPP 3.4 §5.3) in typed form.
 *
 * @remarks
 * Known tags decode to numbers (integer TLVs), strings (C-octet TLVs) or Buffers (octet TLVs), under the
 * spec's names. Tags this library does not know, including SMSC vendor tags 0x1400-0x3FFF, are kept as raw
 * bytes in `unknown` and re-encoded unchanged, in their original order.
 */
export interface RawTlv {
  tag: number;
  value: Buffer;
}

export interface Tlvs {
  dest_addr_subunit?: number;
  dest_network_type?: number;
  dest_bearer_type?: number;
  dest_telematics_id?: number;
  source_addr_subunit?: number;
  source_network_type?: number;
  source_bearer_type?: number;
  source_telematics_id?: number;
  qos_time_to_live?: number;
  payload_type?: number;
  additional_status_info_text?: string;
  receipted_message_id?: string;
  ms_msg_wait_facilities?: number;
  privacy_indicator?: number;
  source_subaddress?: Buffer;
  dest_subaddress?: Buffer;
  user_message_reference?: number;
  user_response_code?: number;
  source_port?: number;
  destination_port?: number;
  sar_msg_ref_num?: number;
  language_indicator?: number;
  sar_total_segments?: number;
  sar_segment_seqnum?: number;
  sc_interface_version?: number;
  callback_num_pres_ind?: number;
  callback_num_atag?: Buffer;
  number_of_messages?: number;
  callback_num?: Buffer;
  dpf_result?: number;
  set_dpf?: number;
  ms_availability_status?: number;
  /** 3 octets: network type (1) then error code (2) (§5.3.2.31). */
  network_error_code?: Buffer;
  message_payload?: Buffer;
  delivery_failure_reason?: number;
  more_messages_to_send?: number;
  message_state?: number;
  /** SMPP v5.0 §4.8.4.18: 0 idle .. 80-90 optimum .. 100 congested. */
  congestion_state?: number;
  ussd_service_op?: number;
  display_time?: number;
  sms_signal?: number;
  ms_validity?: Buffer;
  /** Zero-length TLV: presence is the value. */
  alert_on_message_delivery?: Buffer;
  its_reply_type?: number;
  its_session_info?: number;
  // SMPP v5.0 broadcast and network TLVs (v5.0 Table 4-60).
  broadcast_channel_indicator?: number;
  broadcast_content_type?: Buffer;
  broadcast_content_type_info?: Buffer;
  broadcast_message_class?: number;
  broadcast_rep_num?: number;
  broadcast_frequency_interval?: Buffer;
  broadcast_area_identifier?: Buffer;
  broadcast_error_status?: number;
  broadcast_area_success?: number;
  broadcast_end_time?: string;
  broadcast_service_group?: Buffer;
  billing_identification?: Buffer;
  source_network_id?: string;
  dest_network_id?: string;
  source_node_id?: Buffer;
  dest_node_id?: Buffer;
  dest_addr_np_resolution?: number;
  dest_addr_np_information?: Buffer;
  /** 5 octets: E.164 country code (v5.0 §4.8.4.15). */
  dest_addr_np_country?: Buffer;
  /** Tags not in the table above (vendor tags 0x1400-0x3FFF among them), raw and in wire order. */
  unknown?: RawTlv[];
}
