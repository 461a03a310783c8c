// A small CIM sample shared by the data model tests: Windows process events, sshd logins and an unrelated
// sourcetype, with the props/eventtypes/tags that map them onto Endpoint.Processes and Authentication.

import { mergeKnowledge, parseKnowledgeConf } from '@nexus/spl';
import type { LogRow } from '../../src/store/index.ts';
import { fixtureEvent } from './spl-fixture.ts';

export const now = Date.UTC(2026, 11, 7, 12, 0, 0);

export const knowledge = mergeKnowledge(
  parseKnowledgeConf(
    'props',
    [
      '[XmlWinEventLog:Security]',
      'FIELDALIAS-dest = Computer AS dest',
      'FIELDALIAS-proc = CommandLine AS process NewProcessName AS process_path',
      'EVAL-process_name = lower(ProcessName)',
      'EVAL-user = SubjectUserName',
      'EXTRACT-eid = <EventID>(?<signature_id>\\d+)</EventID>',
      '[linux_secure]',
      'EXTRACT-ssh = (?<action>Failed|Accepted) password for (?<user>\\S+) from (?<src>\\S+)',
      'EVAL-app = "sshd"',
      'EVAL-action = if(action=="Failed", "failure", "success")',
    ].join('\n'),
  ).objects,
  parseKnowledgeConf(
    'eventtypes',
    [
      '[ms_windows_process_created]',
      'search = sourcetype="XmlWinEventLog:Security" signature_id=4688',
      '[sshd_authentication]',
      'search = sourcetype=linux_secure app=sshd',
      'tags = authentication',
    ].join('\n'),
  ).objects,
  parseKnowledgeConf('tags', '[eventtype=ms_windows_process_created]\nprocess = enabled\nreport = enabled\n')
    .objects,
);

function win(minutes: number, computer: string, user: string, exe: string, eid = 4688): LogRow {
  return fixtureEvent(
    now,
    minutes,
    `<Event><System><EventID>${eid}</EventID><Computer>${computer}</Computer></System></Event>`,
    computer,
    { Computer: computer, SubjectUserName: user, ProcessName: exe, CommandLine: `${exe} /c whoami` },
    { sourcetype: 'XmlWinEventLog:Security', source: 'WinEventLog:Security' },
  );
}

function ssh(minutes: number, raw: string): LogRow {
  return fixtureEvent(
    now,
    minutes,
    raw,
    'bastion',
    {},
    { sourcetype: 'linux_secure', source: '/var/log/secure' },
  );
}

export const rows: LogRow[] = [
  win(5, 'WIN-1', 'alice', 'CMD.EXE'),
  win(15, 'WIN-1', 'alice', 'CMD.EXE'),
  win(25, 'WIN-2', 'bob', 'powershell.exe'),
  win(35, 'WIN-2', 'bob', 'CMD.EXE', 4624), // a logon, not a process: not in Endpoint.Processes
  // Another sourcetype with the same field names: the aliases and calculated fields do not apply to it.
  fixtureEvent(
    now,
    45,
    'other',
    'lnx',
    { Computer: 'X', SubjectUserName: 'eve', ProcessName: 'CMD.EXE' },
    { sourcetype: 'other' },
  ),
  ssh(10, 'Failed password for root from 10.0.0.9 port 22 ssh2'),
  ssh(12, 'Failed password for root from 10.0.0.9 port 22 ssh2'),
  ssh(14, 'Accepted password for alice from 10.0.0.5 port 22 ssh2'),
];
