// Knowledge-object files: eventtypes.conf, tags.conf, props.conf and transforms.conf as Splunk's admin manual
// ("eventtypes.conf", "tags.conf", "props.conf", "transforms.conf" spec files and their examples) writes them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mergeKnowledge, parseKnowledgeConf } from '../src/knowledge/index.ts';

describe('eventtypes.conf', () => {
  test('a stanza per eventtype with its search; disabled ones left out; tags listed', () => {
    const { objects, errors } = parseKnowledgeConf(
      'eventtypes',
      [
        '# eventtypes.conf example (admin manual): a web eventtype',
        '[web]',
        'search = html OR http OR https OR css OR htm OR html OR shtml OR xls OR cgi',
        'tags = web browser',
        '',
        '[fatal]',
        'search = FATAL',
        'disabled = 1',
        '',
        '[broken]',
        'description = no search here',
      ].join('\n'),
    );
    assert.deepEqual(objects.eventtypes, [
      {
        name: 'web',
        search: 'html OR http OR https OR css OR htm OR html OR shtml OR xls OR cgi',
        tags: ['web', 'browser'],
      },
    ]);
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /`\[broken\]` has no `search`/);
    assert.equal(errors[0]?.line, 10);
  });
});

describe('tags.conf', () => {
  test('[field=value] stanzas with tags enabled; disabled tags and bad states reported', () => {
    const { objects, errors } = parseKnowledgeConf(
      'tags',
      [
        '[host=ws-01]',
        'workstation = enabled',
        'server = disabled',
        '[eventtype=ms_windows_process_created]',
        'process = enabled',
        'report = enabled',
        '[sourcetype="access_combined"]',
        'web = enabled',
        'oops = maybe',
        '[nofield]',
        'x = enabled',
      ].join('\n'),
    );
    assert.deepEqual(objects.tags, [
      { field: 'host', value: 'ws-01', tags: ['workstation'] },
      { field: 'eventtype', value: 'ms_windows_process_created', tags: ['process', 'report'] },
      { field: 'sourcetype', value: 'access_combined', tags: ['web'] },
    ]);
    assert.deepEqual(
      errors.map((e) => e.line),
      [9, 10],
    );
  });
});

describe('props.conf', () => {
  test('FIELDALIAS (AS and ASNEW, several pairs), EVAL, EXTRACT (with `in <field>`) and REPORT per stanza', () => {
    const { objects, errors } = parseKnowledgeConf(
      'props',
      [
        '[access_combined]',
        'FIELDALIAS-client = clientip AS src',
        'FIELDALIAS-pair = status AS http_status bytes ASNEW bytes_out',
        'EVAL-bytes_kb = bytes/1024',
        'EXTRACT-user = (?<user>\\w+)@(?<domain>\\S+) in email',
        'EXTRACT-method = ^(?<http_method>[A-Z]+)',
        'REPORT-ua = ua_parts, other_transform',
        'TRUNCATE = 10000',
        '[source::/var/log/.../secure]',
        'EVAL-app = "sshd"',
        '[host::web*]',
        'FIELDALIAS-bad = just_one_word',
      ].join('\n'),
    );
    assert.equal(objects.props.length, 2);
    const [web, secure] = objects.props;
    assert.deepEqual(web?.target, { field: 'sourcetype', pattern: 'access_combined' });
    assert.deepEqual(web?.aliases, [
      { name: 'client', from: 'clientip', to: 'src', asNew: false },
      { name: 'pair', from: 'status', to: 'http_status', asNew: false },
      { name: 'pair', from: 'bytes', to: 'bytes_out', asNew: true },
    ]);
    assert.deepEqual(web?.calculated, [{ field: 'bytes_kb', expression: 'bytes/1024' }]);
    assert.deepEqual(web?.extractions, [
      { name: 'user', regex: '(?<user>\\w+)@(?<domain>\\S+)', field: 'email' },
      { name: 'method', regex: '^(?<http_method>[A-Z]+)', field: '_raw' },
    ]);
    assert.deepEqual(web?.reports, ['ua_parts', 'other_transform']);
    assert.deepEqual(secure?.target, { field: 'source', pattern: '/var/log/.../secure' });
    assert.deepEqual(
      errors.map((e) => e.line),
      [12],
    );
  });
});

describe('props.conf settings Nexus does not apply', () => {
  test('SEDCMD- is a warning with its line; the stanza’s other settings apply', () => {
    const r = parseKnowledgeConf(
      'props',
      '[access_combined]\nLOOKUP-geo = geo_table clientip OUTPUT country\nFIELDALIAS-src = clientip AS src\nSEDCMD-mask = s/\\d{4}/XXXX/g\nTIME_FORMAT = %d/%b/%Y\n',
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.warnings.map((w) => [w.line, /index time/.test(w.message)]),
      [[4, true]],
    );
    assert.deepEqual(
      r.objects.props[0]?.aliases.map((a) => a.to),
      ['src'],
    );
  });
});

// Knowledge Manager manual, "Make your lookups automatic" (props.conf `LOOKUP-<class> = $TRANSFORM
// <match_field> [AS <event_field>] … OUTPUT|OUTPUTNEW <output_field> [AS <event_field>] …`).
describe('props.conf LOOKUP- (automatic lookups)', () => {
  test('the lookup, its input fields with AS, OUTPUT/OUTPUTNEW fields with AS, or no output clause', () => {
    const r = parseKnowledgeConf(
      'props',
      [
        '[access_combined]',
        'LOOKUP-geo = geo_table clientip AS src_ip OUTPUT country AS src_country city',
        'LOOKUP-users = users.csv user OUTPUTNEW dept',
        '[host::db*]',
        'LOOKUP-all = hosts host',
      ].join('\n'),
    );
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.objects.props[0]?.lookups, [
      {
        name: 'geo',
        lookup: 'geo_table',
        keys: [{ column: 'clientip', field: 'src_ip' }],
        outputs: [
          { column: 'country', field: 'src_country' },
          { column: 'city', field: 'city' },
        ],
        outputNew: false,
      },
      {
        name: 'users',
        lookup: 'users.csv',
        keys: [{ column: 'user', field: 'user' }],
        outputs: [{ column: 'dept', field: 'dept' }],
        outputNew: true,
      },
    ]);
    assert.deepEqual(r.objects.props[1]?.target, { field: 'host', pattern: 'db*' });
    assert.deepEqual(r.objects.props[1]?.lookups, [
      { name: 'all', lookup: 'hosts', keys: [{ column: 'host', field: 'host' }], outputNew: false },
    ]);
  });

  test('a value that is not a lookup is an error with its line', () => {
    const r = parseKnowledgeConf(
      'props',
      '[st]\nLOOKUP-bad = users OUTPUT dept\nLOOKUP-opt = local=t users uid\n',
    );
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [2, 3],
    );
    assert.match(r.errors[0]?.message ?? '', /`LOOKUP-bad` in `\[st\]` must be `<lookup> <field>/);
    assert.match(r.errors[1]?.message ?? '', /takes no options/);
  });

  test('transforms.conf lookup definitions: filename and max_matches', () => {
    const r = parseKnowledgeConf(
      'transforms',
      '[geo_table]\nfilename = geo.csv\nmax_matches = 1\n[bad]\nfilename = x.csv\nmax_matches = 0\n',
    );
    assert.equal(r.objects.transforms[0]?.filename, 'geo.csv');
    assert.equal(r.objects.transforms[0]?.maxMatches, 1);
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [6],
    );
  });

  test('transforms.conf time-based lookups: time_field, time_format and the offsets (defaults 0 and 2000000000)', () => {
    const r = parseKnowledgeConf(
      'transforms',
      '[leases]\nfilename = dhcp.csv\ntime_field = t\ntime_format = %Y-%m-%d\nmax_offset_secs = 60\n[plain]\nfilename = x.csv\ntime_field = at\nmin_offset_secs = soon\n',
    );
    assert.deepEqual(r.objects.transforms[0]?.time, {
      field: 't',
      format: '%Y-%m-%d',
      maxOffsetSecs: 60,
      minOffsetSecs: 0,
    });
    assert.deepEqual(r.objects.transforms[1]?.time, {
      field: 'at',
      maxOffsetSecs: 2_000_000_000,
      minOffsetSecs: 0,
    });
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [9],
    );
  });
});

describe('transforms.conf', () => {
  test('REGEX with FORMAT, DELIMS with FIELDS, SOURCE_KEY', () => {
    const { objects } = parseKnowledgeConf(
      'transforms',
      [
        '[ua_parts]',
        'REGEX = "(\\S+)/(\\S+)"',
        'FORMAT = browser::$1 browser_version::$2',
        'SOURCE_KEY = http_user_agent',
        '[kv_pipe]',
        'DELIMS = "|", "="',
        'FIELDS = "a", "b"',
      ].join('\n'),
    );
    assert.deepEqual(objects.transforms, [
      {
        name: 'ua_parts',
        regex: '"(\\S+)/(\\S+)"',
        format: 'browser::$1 browser_version::$2',
        sourceKey: 'http_user_agent',
      },
      { name: 'kv_pipe', delims: ['|', '='], fields: ['a', 'b'], sourceKey: '_raw' },
    ]);
  });

  test('files merge in order', () => {
    const a = parseKnowledgeConf('tags', '[host=a]\nx = enabled\n').objects;
    const b = parseKnowledgeConf('tags', '[host=b]\ny = enabled\n').objects;
    assert.deepEqual(
      mergeKnowledge(a, b).tags.map((t) => t.value),
      ['a', 'b'],
    );
  });
});
