// The Common Information Model (CIM 6.x) data models Splunk ships: datasets, their tag constraints and fields.
//
// Facts (dataset names, tag constraints, field names and types) from the public CIM reference
// ("Data models" pages of Splunk's Common Information Model Add-on manual). Fields are written compactly:
// `name` is a string, `name:n` a number, `name:ip` an IPv4 address, `name:b` a Boolean, `name:t` a time.

import type { DataModel, DataModelField, DataModelFieldType, Dataset } from './types.ts';

const TYPES: Readonly<Record<string, DataModelFieldType>> = {
  n: 'number',
  ip: 'ipv4',
  b: 'boolean',
  t: 'time',
};

function fields(spec: string): DataModelField[] {
  return spec
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => {
      const [name = w, t] = w.split(':');
      return { name, type: (t && TYPES[t]) || 'string' };
    });
}

function ds(name: string, constraint: string, spec: string, parent?: string): Dataset {
  return { name, constraint, fields: fields(spec), ...(parent ? { parent } : {}) };
}

const userFields = 'user user_bunit user_category user_id user_priority';
const destFields = 'dest dest_bunit dest_category dest_priority';
const srcFields = 'src src_bunit src_category src_priority';

/** The CIM data models, by name. */
export const cimDataModels: readonly DataModel[] = [
  {
    name: 'Alerts',
    datasets: [
      ds(
        'Alerts',
        'tag=alert',
        `app body description ${destFields} id mitre_technique_id severity severity_id:n signature signature_id ${srcFields} subject type ${userFields} vendor_account tag`,
      ),
    ],
  },
  {
    name: 'Authentication',
    datasets: [
      ds(
        'Authentication',
        'tag=authentication NOT (action=success user=*$)',
        `action app authentication_method authentication_service ${destFields} dest_nt_domain duration:n reason response_time:n signature signature_id ${srcFields} src_nt_domain src_user src_user_bunit src_user_category src_user_id src_user_priority src_user_role src_user_type ${userFields} user_role user_type vendor_account tag`,
      ),
      ds('Default_Authentication', 'tag=default', '', 'Authentication'),
      ds('Insecure_Authentication', 'tag=insecure OR tag=cleartext', '', 'Authentication'),
      ds('Privileged_Authentication', 'tag=privileged', '', 'Authentication'),
      ds('Failed_Authentication', 'action="failure"', '', 'Authentication'),
      ds('Successful_Authentication', 'action="success"', '', 'Authentication'),
    ],
  },
  {
    name: 'Certificates',
    datasets: [
      ds(
        'All_Certificates',
        'tag=certificate',
        `${destFields} dest_port:n duration:n response_time:n ${srcFields} src_port:n tag transport`,
      ),
      ds(
        'SSL',
        'tag=ssl',
        'ssl_end_time:t ssl_engine ssl_hash ssl_is_valid:b ssl_issuer ssl_issuer_common_name ssl_issuer_email ssl_issuer_email_domain ssl_issuer_locality ssl_issuer_organization ssl_issuer_state ssl_issuer_street ssl_issuer_unit ssl_name ssl_policies ssl_publickey ssl_publickey_algorithm ssl_serial ssl_session_id ssl_signature_algorithm ssl_start_time:t ssl_subject ssl_subject_common_name ssl_subject_email ssl_subject_email_domain ssl_subject_locality ssl_subject_organization ssl_subject_state ssl_subject_street ssl_subject_unit ssl_validity_window:n ssl_version',
        'All_Certificates',
      ),
    ],
  },
  {
    name: 'Change',
    datasets: [
      ds(
        'All_Changes',
        'tag=change NOT (object_category=file OR object_category=directory OR object_category=registry)',
        `action change_type command ${destFields} dvc object object_attrs object_category object_id object_path result result_id ${srcFields} status tag ${userFields} user_name user_type src_user src_user_name src_user_type vendor_product`,
      ),
      ds('Auditing_Changes', 'tag=audit', '', 'All_Changes'),
      ds('Endpoint_Changes', 'tag=endpoint', 'image_id:n', 'All_Changes'),
      ds('Network_Changes', 'tag=network', 'device_type', 'All_Changes'),
      ds('Account_Management', 'tag=account', 'dest_nt_domain src_nt_domain', 'All_Changes'),
      ds('Instance_Changes', 'tag=instance', 'image_id instance_type', 'All_Changes'),
    ],
  },
  {
    name: 'Data_Access',
    datasets: [
      ds(
        'Data_Access',
        'tag=data tag=access',
        `action app app_id dest dest_name dest_url dvc email object object_attrs object_category object_id object_path object_size:n owner owner_email owner_id parent_object parent_object_category parent_object_id src ${userFields} user_group user_role vendor_account vendor_product tag`,
      ),
    ],
  },
  {
    name: 'Databases',
    datasets: [
      ds(
        'All_Databases',
        'tag=database',
        `${destFields} duration:n object response_time:n src tag user vendor_product`,
      ),
      ds(
        'Database_Instance',
        'tag=instance',
        'instance_name instance_version process_limit:n session_limit:n',
        'All_Databases',
      ),
      ds('Database_Query', 'tag=query', 'query query_id query_time:n records_affected:n', 'All_Databases'),
    ],
  },
  {
    name: 'DLP',
    datasets: [
      ds(
        'DLP_Incidents',
        'tag=dlp tag=incident',
        `action app category dest dest_zone dlp_type dvc object object_category object_path severity signature src src_user src_zone tag user vendor_product`,
      ),
    ],
  },
  {
    name: 'Email',
    datasets: [
      ds(
        'All_Email',
        'tag=email',
        `action delay:n ${destFields} duration:n file_hash file_name file_size:n internal_message_id message_id message_info orig_dest orig_recipient orig_src process process_id:n protocol recipient recipient_count:n recipient_domain recipient_status response_time:n retries:n return_addr size:n ${srcFields} src_user src_user_domain status_code subject tag url user vendor_product xdelay xref`,
      ),
      ds('Delivery', 'tag=delivery', '', 'All_Email'),
      ds('Content', 'tag=content', '', 'All_Email'),
      ds(
        'Filtering',
        'tag=filter',
        'filter_action filter_score:n signature signature_extra signature_id',
        'All_Email',
      ),
    ],
  },
  {
    name: 'Endpoint',
    datasets: [
      ds(
        'Ports',
        'tag=listening tag=port',
        `creation_time:t ${destFields} dest_port:n process_guid process_id:n src src_port:n state tag transport transport_dest_port user vendor_product`,
      ),
      ds(
        'Processes',
        'tag=process tag=report',
        `action cpu_load_mhz:n cpu_load_percent:n cpu_time:n ${destFields} dest_is_expected:b dest_requires_av:b dest_should_timesync:b dest_should_update:b mem_used:n original_file_name os parent_process parent_process_exec parent_process_guid parent_process_id parent_process_name parent_process_path process process_current_directory process_exec process_guid process_hash process_id process_integrity_level process_name process_path tag ${userFields} user_id vendor_product`,
      ),
      ds(
        'Services',
        'tag=service tag=report',
        `description ${destFields} process_guid process_id service service_dll service_dll_path service_dll_hash service_dll_signature_exists:b service_dll_signature_verified:b service_exec service_hash service_id service_name service_path service_signature_exists:b service_signature_verified:b start_mode status tag user vendor_product`,
      ),
      ds(
        'Filesystem',
        'tag=endpoint tag=filesystem',
        `action dest dest_bunit dest_category dest_priority file_access_time:t file_acl file_create_time:t file_hash file_modify_time:t file_name file_path file_size:n process_guid process_id:n tag user vendor_product`,
      ),
      ds(
        'Registry',
        'tag=endpoint tag=registry',
        `action dest dest_bunit dest_category dest_priority process_guid process_id:n registry_hive registry_key_name registry_path registry_value_data registry_value_name registry_value_text registry_value_type status tag user vendor_product`,
      ),
    ],
  },
  {
    name: 'Event_Signatures',
    datasets: [
      ds('Signatures', 'tag=track_event_signatures', 'dest signature signature_id tag vendor_product'),
    ],
  },
  {
    name: 'Interprocess_Messaging',
    datasets: [
      ds(
        'All_Interprocess_Messaging',
        'tag=messaging',
        `dest dest_bunit dest_category dest_priority duration:n endpoint endpoint_version message message_consumed:b message_correlation_id message_delivered:b message_delivery_mode message_expiration_time:n message_id message_priority:n message_properties message_received_time:t message_redelivered:b message_reply_dest message_size:n message_type parameters payload payload_type request_payload request_payload_type request_sent_time:t response_code response_payload_type response_received_time:t response_time:n return_message rpc_protocol src status tag user vendor_product`,
      ),
    ],
  },
  {
    name: 'Intrusion_Detection',
    datasets: [
      ds(
        'IDS_Attacks',
        'tag=ids tag=attack',
        `action category ${destFields} dest_port:n dvc dvc_bunit dvc_category dvc_priority file_hash file_name file_path ids_type severity severity_id:n signature signature_id ${srcFields} src_port:n tag transport user user_bunit user_category user_priority vendor_product`,
      ),
    ],
  },
  {
    name: 'Inventory',
    datasets: [
      ds(
        'All_Inventory',
        'tag=inventory (tag=cpu OR tag=memory OR tag=network OR tag=storage OR (tag=system tag=version) OR tag=user OR tag=virtual)',
        `description dest dest_bunit dest_category dest_priority enabled:b family hypervisor_id serial status tag vendor_product version`,
      ),
      ds('CPU', 'tag=cpu', 'cpu_cores:n cpu_count:n cpu_mhz:n', 'All_Inventory'),
      ds('Memory', 'tag=memory', 'mem:n', 'All_Inventory'),
      ds(
        'Network',
        'tag=network',
        'dest_ip:ip dns inline_nat interface ip lb_method mac name node node_port:n src_ip:ip vip_port:n',
        'All_Inventory',
      ),
      ds(
        'Storage',
        'tag=storage',
        'array blocksize:n cluster fd_max:n latency:n mount parent read_blocks:n read_latency:n read_ops:n storage:n write_blocks:n write_latency:n write_ops:n',
        'All_Inventory',
      ),
      ds('OS', 'tag=system tag=version', 'os', 'All_Inventory'),
      ds(
        'User',
        'tag=user',
        'interactive:b password shell user user_bunit user_category user_id user_priority',
        'All_Inventory',
      ),
      ds('Virtual_OS', 'tag=virtual', 'hypervisor', 'All_Inventory'),
    ],
  },
  {
    name: 'JVM',
    datasets: [
      ds('JVM', 'tag=jvm', 'jvm_description tag', undefined),
      ds(
        'Threading',
        'tag=threading',
        'cm_enabled:b cm_supported:b cpu_time_enabled:b cpu_time_supported:b current_cpu_time:n current_user_time:n daemon_thread_count:n omu_supported:b peak_thread_count:n synch_supported:b thread_count:n threads_started:n',
        'JVM',
      ),
      ds('Runtime', 'tag=runtime', 'process_name start_time:t uptime:n vendor_product version', 'JVM'),
      ds(
        'OS',
        'tag=os',
        'committed_memory:n cpu_time:n free_physical_memory:n free_swap:n max_file_descriptors:n open_file_descriptors:n os os_architecture os_version physical_memory:n swap_space:n system_load:n total_processors:n',
        'JVM',
      ),
      ds('Compilation', 'tag=compilation', 'compilation_time:n', 'JVM'),
      ds('Classloading', 'tag=classloading', 'current_loaded:n total_loaded:n total_unloaded:n', 'JVM'),
      ds(
        'Memory',
        'tag=memory',
        'heap_committed:n heap_initial:n heap_max:n heap_used:n non_heap_committed:n non_heap_initial:n non_heap_max:n non_heap_used:n objects_pending:n',
        'JVM',
      ),
    ],
  },
  {
    name: 'Malware',
    datasets: [
      ds(
        'Malware_Attacks',
        'tag=malware tag=attack',
        `action category date dest dest_bunit dest_category dest_nt_domain dest_priority dest_requires_av:b file_hash file_name file_path sender signature signature_id src src_bunit src_category src_priority tag url user user_bunit user_category user_priority vendor_product`,
      ),
      ds(
        'Malware_Operations',
        'tag=malware tag=operations',
        'dest dest_bunit dest_category dest_nt_domain dest_priority dest_requires_av:b product_version signature_version tag vendor_product',
      ),
    ],
  },
  {
    name: 'Network_Resolution',
    datasets: [
      ds(
        'DNS',
        'tag=network tag=resolution tag=dns',
        `additional_answer_count:n answer answer_count:n authority_answer_count:n ${destFields} dest_port:n duration:n message_type name query query_count:n query_type record_type reply_code reply_code_id:n response_time:n ${srcFields} src_port:n tag transaction_id transport ttl:n vendor_product`,
      ),
    ],
  },
  {
    name: 'Network_Sessions',
    datasets: [
      ds(
        'All_Sessions',
        'tag=network tag=session',
        `action dest_bunit dest_category dest_dns dest_ip:ip dest_mac dest_nt_host dest_priority duration:n lease_duration:n lease_scope response_time:n signature signature_id src_bunit src_category src_dns src_ip:ip src_mac src_nt_host src_priority tag user user_bunit user_category user_priority vendor_product`,
      ),
      ds('Session_Start', 'tag=start', '', 'All_Sessions'),
      ds('Session_End', 'tag=end', '', 'All_Sessions'),
      ds('DHCP', 'tag=dhcp', '', 'All_Sessions'),
      ds('VPN', 'tag=vpn', '', 'All_Sessions'),
    ],
  },
  {
    name: 'Network_Traffic',
    datasets: [
      ds(
        'All_Traffic',
        'tag=network tag=communicate',
        `action app bytes:n bytes_in:n bytes_out:n channel:n ${destFields} dest_interface dest_ip:ip dest_mac dest_port:n dest_translated_ip dest_translated_port:n dest_zone direction duration:n dvc dvc_bunit dvc_category dvc_ip:ip dvc_mac dvc_priority dvc_zone flow_id icmp_code icmp_type packets:n packets_in:n packets_out:n process_id protocol protocol_version response_time:n rule session_id ${srcFields} src_interface src_ip:ip src_mac src_port:n src_translated_ip src_translated_port:n src_zone ssid tag tcp_flag transport tos ttl:n user user_bunit user_category user_priority vendor_account vendor_product vlan wifi`,
      ),
      ds('Traffic_By_Action', '', '', 'All_Traffic'),
      ds('Allowed_Traffic', 'action=allowed', '', 'All_Traffic'),
      ds('Blocked_Traffic', 'action=blocked', '', 'All_Traffic'),
    ],
  },
  {
    name: 'Performance',
    datasets: [
      ds(
        'All_Performance',
        'tag=performance',
        `dest dest_bunit dest_category dest_priority dest_should_timesync:b dest_should_update:b hypervisor_id resource_type tag`,
      ),
      ds(
        'CPU',
        'tag=cpu',
        'cpu_load_mhz:n cpu_load_percent:n cpu_time:n cpu_user_percent:n',
        'All_Performance',
      ),
      ds('Facilities', 'tag=facilities', 'fan_speed:n power:n temperature:n', 'All_Performance'),
      ds(
        'Memory',
        'tag=memory',
        'mem:n mem_committed:n mem_free:n mem_used:n swap:n swap_free:n swap_used:n',
        'All_Performance',
      ),
      ds(
        'Storage',
        'tag=storage',
        'array latency:n mount parent read_blocks:n read_latency:n read_ops:n storage:n storage_free:n storage_free_percent:n storage_used:n storage_used_percent:n write_blocks:n write_latency:n write_ops:n',
        'All_Performance',
      ),
      ds('Network', 'tag=network', 'thruput:n thruput_max:n', 'All_Performance'),
      ds('OS', 'tag=os', 'signature signature_id', 'All_Performance'),
      ds('Uptime', 'tag=uptime', 'uptime:n', 'OS'),
    ],
  },
  {
    name: 'Risk',
    datasets: [
      ds(
        'All_Risk',
        'index=risk',
        'calculated_risk_score:n risk_message risk_modifier_count:n risk_object risk_object_bunit risk_object_category risk_object_priority risk_object_type risk_score:n search_name threat_object threat_object_type annotations annotations.mitre_attack annotations.mitre_attack.mitre_tactic annotations.mitre_attack.mitre_tactic_id annotations.mitre_attack.mitre_technique annotations.mitre_attack.mitre_technique_id tag',
      ),
    ],
  },
  {
    name: 'Splunk_Audit',
    datasets: [
      ds(
        'Modular_Actions',
        'index=cim_modactions',
        'action_mode action_name action_status app duration:n rid search search_name sid signature signature_id tag user worker',
      ),
      ds('View_Activity', 'tag=pageview', 'app spent:n uri user tag'),
    ],
  },
  {
    name: 'Ticket_Management',
    datasets: [
      ds(
        'All_Ticket_Management',
        'tag=ticketing',
        'affect comments description dest dest_bunit dest_category dest_priority priority severity splunk_id splunk_realm src_user src_user_bunit src_user_category src_user_priority status tag ticket_id time_submitted:t user user_bunit user_category user_priority',
      ),
      ds('Change', 'tag=change', 'change', 'All_Ticket_Management'),
      ds('Incident', 'tag=incident', 'incident', 'All_Ticket_Management'),
      ds('Problem', 'tag=problem', 'problem', 'All_Ticket_Management'),
    ],
  },
  {
    name: 'Updates',
    datasets: [
      ds(
        'Updates',
        'tag=update tag=status',
        `dest dest_bunit dest_category dest_priority dest_should_update:b dvc file_hash file_name severity severity_id:n signature signature_id status tag vendor_product`,
      ),
      ds('Update_Errors', 'tag=error', '', 'Updates'),
    ],
  },
  {
    name: 'Vulnerabilities',
    datasets: [
      ds(
        'Vulnerabilities',
        'tag=report tag=vulnerability',
        `bugtraq category cert cve cvss:n dest dest_bunit dest_category dest_priority dvc dvc_bunit dvc_category dvc_priority msft mskb severity severity_id:n signature signature_id tag url user user_bunit user_category user_priority vendor_product xref`,
      ),
    ],
  },
  {
    name: 'Web',
    datasets: [
      ds(
        'Web',
        'tag=web',
        `action app bytes:n bytes_in:n bytes_out:n cached:b category cookie ${destFields} dest_port:n duration:n error_code http_content_type http_method http_referrer http_referrer_domain http_user_agent http_user_agent_length:n operation response_time:n site ${srcFields} status storage_name tag uri_path uri_query url url_domain url_length:n user user_bunit user_category user_priority vendor_product`,
      ),
      ds('Proxy', 'tag=proxy', '', 'Web'),
      ds('Storage', 'tag=storage', '', 'Web'),
    ],
  },
];
