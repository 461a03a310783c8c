// What Splunk's parser accepts must parse: names and option values in every quoting style, functions
// written without parentheses, from the syntax blocks of the Search Reference (9.4).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Command, Pipeline } from '../src/ast.ts';
import { compile } from '../src/compile.ts';
import { format } from '../src/format/index.ts';
import { parse } from '../src/parser/index.ts';

const opts = { orgId: 'acme', earliestMs: 0, latestMs: 1_000_000, nowMs: 1_000_000 };

function parsed(query: string): Pipeline {
  const r = parse(query);
  assert.deepEqual(r.errors, [], query);
  assert.ok(r.ast, query);
  return r.ast;
}

function last(query: string): Command {
  const c = parsed(query).commands.at(-1);
  assert.ok(c, query);
  return c;
}

describe('names in as clauses, by clauses and field lists', () => {
  // Search Reference, stats: `AS <wc-field>`; rename: `<wc-field> AS <wc-field>`; a name with spaces is
  // quoted, with double or single quotes.
  test('single-quoted names are names, without their quotes', () => {
    const s = last("index=main | stats count AS 'x y', avg(bytes) AS \"avg bytes\" BY 'host name'");
    assert.equal(s.kind, 'stats');
    if (s.kind !== 'stats') return;
    assert.deepEqual(
      s.aggregations.map((a) => a.alias?.name),
      ['x y', 'avg bytes'],
    );
    assert.deepEqual(
      s.by.map((b) => b.name),
      ['host name'],
    );
    const r = last('index=main | rename host AS \'h h\', src AS "s s"');
    assert.equal(r.kind, 'rename');
    const t = last("index=main | table 'a b', c:d, e-f, g.h");
    assert.equal(t.kind, 'table');
    if (t.kind === 'table')
      assert.deepEqual(
        t.fields.map((f) => f.pattern),
        ['a b', 'c:d', 'e-f', 'g.h'],
      );
  });

  test('an apostrophe inside a word stays in the word', () => {
    const t = last("index=main | table don't");
    assert.ok(t.kind === 'table' && t.fields[0]?.pattern === "don't");
  });

  test('eval assigns double- and single-quoted names', () => {
    for (const q of ['| makeresults | eval "my field"=1', "| makeresults | eval 'my field'=1"]) {
      const r = compile(`${q} | table "my field"`, opts);
      assert.ok(r.ok, q);
    }
  });
});

describe('option values in every quoting style', () => {
  for (const [query, key, value] of [
    ["index=main | head limit='5'", 'limit', '5'],
    ['index=main | head limit="5"', 'limit', '5'],
    ['index=main | head limit=5', 'limit', '5'],
    ["index=main | timechart span='1h' count", 'span', '1h'],
    ['index=main | timechart span="1h" count', 'span', '1h'],
    ["index=main | top limit='3' host", 'limit', '3'],
    ["index=main | bin span='5m' _time", 'span', '5m'],
    ["index=main | dedup keepempty='true' host", 'keepempty', 'true'],
  ] as const) {
    test(query, () => {
      const c = last(query);
      assert.ok('options' in c);
      const o = c.options.find((x) => x.key.name === key);
      assert.equal(o?.value.text, value);
      assert.ok(compile(query, opts).ok, query);
    });
  }
});

describe('functions without parentheses', () => {
  // Search Reference, stats: `count` / `c` alone; sparkline: `sparkline[(<agg>[, <span>])]`.
  test('stats count, c, and sparkline alone or with an aggregation and a span', () => {
    for (const q of [
      'index=main | stats count',
      'index=main | stats c BY host',
      'index=main | stats sparkline',
      'index=main | stats sparkline, count BY host',
      'index=main | chart sparkline count BY host',
      'index=main | stats sparkline(count, 5m) AS trend BY host',
      'index=main | stats sparkline(avg(bytes), 1h) BY host',
      'index=main | stats sparkline(dc(user)) BY host',
    ]) {
      const p = parsed(q);
      // The formatter writes it back in a form that parses to the same tree.
      const again = parsed(format(p, q));
      assert.equal(format(again, format(p, q)), format(p, q), q);
    }
  });

  test('sparkline compiles in stats and chart (rows: datasource-server test/spl/sparkline.test.ts)', () => {
    for (const q of [
      'index=main | stats sparkline(count, 5m) BY host',
      'index=main | chart sparkline count BY host',
    ])
      assert.ok(compile(q, { ...opts, earliestMs: 1000 }).ok, q);
    const r = compile('index=main | stats sparkline(perc95(bytes), 5m) BY host', opts);
    assert.ok(!r.ok && r.errors.some((e) => e.code === 'unsupported' && /sparkline/.test(e.message)));
  });
});

describe('transaction filters (Search Reference, transaction: <filter-string>)', () => {
  for (const q of [
    'index=main | transaction host startswith="login" endswith="logout"',
    'index=main | transaction host startswith=(action=login OR action=signin) endswith=(action=logout)',
    'index=main | transaction host startswith=("action=login") endswith=eval(action=="logout")',
    'index=main | transaction host startswith=login endswith=logout',
  ])
    test(q, () => {
      const t = last(q);
      assert.ok(t.kind === 'transaction' && t.startswith !== undefined && t.endswith !== undefined);
      assert.ok(compile(q, opts).ok, q);
    });
});

describe('search *', () => {
  // Search Reference, search: `*` matches everything; ESCU's `…_filter` macros are `search *`.
  test('keeps every result, also after stats', () => {
    const r = compile('index=main | stats count BY host | search *', opts);
    assert.ok(r.ok);
    const plain = compile('index=main | stats count BY host', opts);
    assert.ok(plain.ok);
    // No term to match: the same parameters as without it.
    assert.deepEqual(r.sql.params, plain.sql.params);
  });
});

describe('a subsearch that starts with a generating command without its |', () => {
  // Splunk runs `[inputlookup users]` as `[| inputlookup users]` (ESCU: `join … [summary model]`).
  test('is the command, not search terms', () => {
    const opts2 = { ...opts, lookups: new Map([['users', ['user']]]) };
    const a = compile('index=main [inputlookup users | fields user]', opts2);
    const b = compile('index=main [| inputlookup users | fields user]', opts2);
    assert.ok(a.ok && b.ok);
    assert.equal(a.sql.sql, b.sql.sql);
    const s = compile('index=main | eval h=1 | join h [summary model] | table h', opts);
    // `summary` (MLTK) reads a saved model: an unknown one is named (the command itself is test/mltk.test.ts's).
    assert.ok(!s.ok && s.errors.some((e) => /no model `model`/.test(e.message)));
  });

  test('other first words stay search terms', () => {
    const c = last('index=main [host web01 | fields host]');
    assert.equal(c.kind, 'search');
  });
});

describe('Search Reference syntax blocks, command by command (9.4)', () => {
  // One form or more per command from its syntax block (options, clause order, quoting), written for this
  // audit. Each parses; compiling it, with a bounded range and over all time, never throws, and whatever
  // Nexus does not compile is a positioned diagnostic, never a syntax error.
  const forms = [
    'index=main | sort - count',
    'index=main | sort num(bytes), -str(host)',
    'index=main | sort limit=10 -bytes',
    'index=main | sort 100 -bytes host',
    'index=main | sort +host',
    'index=main | sort -bytes desc',
    'index=main | dedup 3 source sortby -_size',
    'index=main | dedup host keepevents=true consecutive=true',
    'index=main | top limit=20 showcount=false countfield=c percentfield=p showperc=f useother=t otherstr=OTHER host by source',
    'index=main | rare limit=5 user by host',
    'index=main | head (bytes>10)',
    'index=main | head 10 keeplast=true null=true',
    'index=main | tail 5',
    'index=main | fields - host, source',
    'index=main | fields + host source',
    'index=main | fields host,source',
    'index=main | table host, source*, "a b"',
    'index=main | bin _time span=1h aligntime=earliest',
    'index=main | bin span=10 bytes start=0 end=1000',
    'index=main | bucket _time span=5m',
    'index=main | timechart span=1h limit=5 useother=f count by host',
    'index=main | timechart per_second(bytes) by host',
    'index=main | timechart eval(avg(bytes)*2) as y',
    'index=main | timechart span=1d cont=false count',
    'index=main | timechart bins=100 partial=f fixedrange=t avg(bytes)',
    'index=main | timechart count by host where count in top5',
    'index=main | timechart count by host where max > 10',
    'index=main | chart count over host by status',
    'index=main | chart count by host status',
    'index=main | chart limit=3 count over host by status',
    'index=main | chart avg(bytes) as a over host',
    'index=main | stats count(eval(status>400)) as errors',
    'index=main | stats dc(user) as "distinct users", p95(bytes) by host',
    'index=main | stats count by host, source',
    'index=main | stats allnum=t delim=":" count by host',
    'index=main | stats first(x) last(x) earliest(x) latest(x) mode(x) median(x) range(x) stdev(x) var(x) sumsq(x)',
    'index=main | eventstats avg(bytes) as avg_b by host',
    'index=main | eventstats allnum=true count',
    'index=main | streamstats window=5 current=f global=f avg(bytes) as a by host',
    'index=main | streamstats reset_on_change=true count by host',
    'index=main | streamstats time_window=1h count',
    'index=main | streamstats reset_before="(x>1)" count',
    'index=main | transaction host maxspan=30s maxpause=5s',
    'index=main | transaction host,source maxevents=10 keepevicted=t mvlist=f',
    'index=main | rex field=x max_match=3 offset_field=o "(?<a>\\w+)"',
    'index=main | rex mode=sed field=x "s/a/b/g"',
    'index=main | spath input=x output=y path=a.b',
    'index=main | spath path=a{}.b',
    'index=main | spath a.b',
    'index=main | spath output=y a{0}.b',
    'index=main | makemv delim="," x',
    'index=main | makemv tokenizer="([^,]+)" x',
    'index=main | makemv allowempty=true setsv=false x',
    'index=main | mvexpand x limit=5',
    'index=main | convert dur2sec(x) as y',
    'index=main | convert auto(*)',
    'index=main | convert timeformat="%Y" ctime(x) AS y, mktime(z)',
    'index=main | convert num(x) rmunit(y) rmcomma(z) memk(w) none(v)',
    'index=main | fillnull value=NULL a b',
    'index=main | fillnull value="n/a"',
    'index=main | replace "a" WITH "b", "c*" WITH "d*" IN x, y',
    'index=main | replace 127.0.0.1 WITH localhost IN host',
    'index=main | lookup local=t users user OUTPUTNEW dept',
    'index=main | lookup users user as u OUTPUT dept as d, mgr',
    '| inputlookup append=t users where user=a*',
    '| inputlookup users.csv',
    '| inputlookup max=10 start=0 users',
    'index=main | iplocation prefix=geo_ allfields=true clientip',
    'index=main | iplocation lang=es clientip',
    '| eventcount summarize=false index=*',
    '| metadata type=hosts index=main',
    '| metadata type=sourcetypes',
    '| tstats count where index=main by host',
    '| tstats count where index=main by _time span=1h',
    '| tstats prestats=t summariesonly=t count from datamodel=Web by Web.status',
    'index=main | rangemap field=bytes low=0-100 high=101-1000 default=none',
    'index=main | addtotals row=t col=t labelfield=x label=Total fieldname=sum a*',
    'index=main | addtotals fieldname=total',
    'index=main | addcoltotals labelfield=x label=Total a b',
    'index=main | append maxtime=60 maxout=100 [search index=other]',
    'index=main | appendcols override=t [search index=other | stats count]',
    'index=main | appendpipe [stats count]',
    'index=main | appendpipe run_in_preview=f [stats count]',
    'index=main | join type=outer max=0 host [search index=other]',
    'index=main | join usetime=true earlier=true host [search index=other]',
    'index=main [search index=other | fields host | format]',
    'index=main [search index=other | return 5 $host]',
    'index=main [search index=other | return host src=ip]',
    'index=main | format "(" "(" "AND" ")" "OR" ")"',
    'index=main | format maxresults=10',
    'index=main | xyseries host status count',
    'index=main | xyseries grouped=t host status count bytes',
    'index=main | untable host name value',
    'index=main | fieldformat x=tostring(x, "commas")',
    'index=main | where like(x, "a%")',
    'index=main | where x IN ("a", "b")',
    'index=main | where isnotnull(x) AND NOT x="a"',
    'index=main | search x IN (a, b)',
    'index=main | search NOT x=1',
    'index=main | search x!=1 OR y>=2',
    'index=main | search x=*a* earliest=-1h latest=now',
    'index=main | search "some phrase" TERM(10.0.0.1) CASE(Foo)',
    'index=main | regex x!="^a"',
    'index=main | regex "^a"',
    'index=main | foreach *_count [eval <<FIELD>>=<<FIELD>>+1]',
    'index=main | foreach mode=multivalue x [eval y=<<ITEM>>]',
    'index=main | foreach a b c fieldstr=F [eval t=<<F>>]',
    'index=main | foreach mode=json_array x [eval y=<<ITEM>>]',
    'index=main | mvcombine delim=";" x',
    'index=main | nomv x',
    '| makeresults count=5 annotate=t',
    '| makeresults format=csv data="a,b\n1,2"',
    '| makeresults format=json data="[{\\"a\\":1}]"',
    '| gentimes start=-3 end=-1 increment=1h',
    'index=main | outputlookup append=t create_empty=f x.csv',
    'index=main | tojson auto(x) str(y) num(z) bool(w) json(v) none(u)',
    'index=main | tojson default_type=str fill_null=t include_internal=t output_field=o',
    'index=main | fromjson x prefix=p_',
    'index=main | addinfo',
    'index=main | bucketdir pathfield=source sizefield=bytes maxcount=20 countfield=c sep=/',
    'index=main | cluster t=0.8 field=x showcount=t labelonly=t',
    'index=main | kmeans k=3 x y',
    'index=main | predict x future_timespan=5 algorithm=LLP',
    'index=main | trendline sma5(x) as s ema3(y) wma2(z)',
    'index=main | autoregress x p=2-3',
    'index=main | autoregress x as y p=2',
    'index=main | delta x as dx p=2',
    'index=main | accum x as total',
    'index=main | abstract maxterms=3 maxlines=5',
    'index=main | highlight a b',
    'index=main | iconify host',
    'index=main | reltime',
    'index=main | localize maxpause=5m timeafter=1m timebefore=1m',
    'index=main | concurrency duration=d start=s output=c',
    'index=main | eval x=if(a>1,"y","n"), y=case(a=1,"one",true(),"other")',
    'index=main | eval n=mvcount(split(x, ",")) | where n>1',
    'index=main | rename a* AS b*, "x y" AS z',
    'index=main | rename a AS "b c"',
    'index=main | strcat a "-" b c',
    'index=main | strcat allrequired=t a b c',
    'index=main | setfields a=1, b=2',
    'index=main | uniq',
    'index=main | reverse',
    'index=main | filldown a b',
    'index=main | filldown',
    'index=main | extract pairdelim=";" kvdelim="="',
    'index=main | kv',
    'index=main | xmlkv',
    'index=main | multikv fields a b forceheader=1',
    'index=main | xpath "//a/b" field=x outfield=y',
    'index=main | erex x examples="a,b" counterexamples="c"',
    'index=main | scrub',
    'index=main | timewrap 1d series=relative',
    'index=main | geostats latfield=lat longfield=lon count by host',
    'index=main | geostats binspanlat=22.5 binspanlong=45 globallimit=5 count',
    'index=main | contingency maxrows=10 usetotal=f x y',
    'index=main | correlate',
    'index=main | fieldsummary maxvals=5 x*',
    'index=main | outlier action=remove param=2 x',
    'index=main | anomalousvalue action=filter pthresh=0.02 x',
    'index=main | typer',
    'index=main | transpose 5 header_field=host column_name=col include_empty=f',
    'index=main | makecontinuous _time span=1h',
    'index=main | mstats avg(x) where index=m',
    '| mstats avg(x) where index=m by host span=1m',
    '| mcatalog values(metric_name) where index=m',
    '| datamodel Web search',
    '| from datamodel:Web.Web',
    '| pivot Web Web count(Web) as c splitrow host',
    '| loadjob savedsearch="admin:search:x"',
    '| savedsearch x',
    '| rest /services/server/info',
    '| dbinspect index=main',
    '| union [search index=a] [search index=b]',
    '| multisearch [search index=a] [search index=b]',
    '| set diff [search index=a] [search index=b]',
    'index=main | map search="search index=b host=$host$" maxsearches=5',
    'index=main | selfjoin host',
    'index=main | sichart count by host',
    'index=main | sistats count by host',
    'index=main | sitimechart count',
    'index=main | sitop host',
    'index=main | sirare host',
    'index=main | collect index=summary',
    'index=main | sendemail to="a@b.c"',
    'index=main | delete',
    'index=main | script python x',
    'index=main | run x',
    'index=main | table _time, host | sort 0 _time',
    'index=main | eval x=len("a") | stats sum(x) AS "sum x" | eval y=\'sum x\'*2',
    'index=main | stats values(x) as x by y | mvexpand x | stats count by x',
    'index=main | chart count over host by status limit=5 useother=f',
    'index=main | chart sep=: count over host by status',
    'index=main | timechart count by host limit=0',
    'index=main | stats count as c | where c > 0',
  ];
  const lookups = new Map([
    ['users', ['user', 'dept', 'mgr']],
    ['x', ['a']],
  ]);
  for (const q of forms) {
    test(q, () => {
      parsed(q);
      for (const earliestMs of [0, 500_000]) {
        const r = compile(q, { ...opts, earliestMs, lookups });
        if (r.ok) continue;
        for (const e of r.errors) {
          assert.notEqual(e.code, 'syntax', `${q}: ${e.message}`);
          assert.ok(e.message.length > 0 && e.span.end >= e.span.start, q);
        }
      }
    });
  }

  // Search Reference, join: `join left=<alias> right=<alias> where <alias>.<field>=<alias>.<field> …`.
  test('join with left=/right= aliases and a where clause parses, formats back, and compiles; other conditions are one positioned unsupported', () => {
    const q = 'index=main | join left=L right=R where L.host=R.host L.x=R.y [search index=other]';
    const j = last(q);
    assert.ok(j.kind === 'join');
    assert.deepEqual(
      j.options.map((o) => o.key.name),
      ['left', 'right'],
    );
    assert.deepEqual(j.fields, []);
    assert.equal(
      format(parsed(q), q),
      'index=main\n| join left=L right=R where L.host=R.host L.x=R.y [search index=other]',
    );
    assert.deepEqual(
      j.conditions?.map((x) => [x.a.name, x.b.name]),
      [
        ['L.host', 'R.host'],
        ['L.x', 'R.y'],
      ],
    );
    assert.ok(compile(q, opts).ok);
    const or = 'index=main | join left=L right=R where L.host=R.host OR L.x=R.y [search index=other]';
    const r = compile(or, opts);
    assert.ok(!r.ok);
    assert.deepEqual(
      r.errors.map((e) => [e.code, or.slice(e.span.start, e.span.end)]),
      [['unsupported', 'OR']],
    );
    // A field named `where`, alone, is still a field.
    const f = last('index=main | join where [search index=other]');
    assert.ok(f.kind === 'join' && f.fields[0]?.pattern === 'where' && f.where === undefined);
  });

  // Nexus's extension of the page's `where L.a=R.b`: `!=`, `<`, `<=`, `>`, `>=` between a field of each side.
  test('join where with comparisons other than =: each with its operator, spaces or none; formats back as written', () => {
    const q =
      'index=main | join left=L right=R where L.host = R.host L.t<R.t AND R.n >= L.n L.a!=R.b L.c==R.c [search index=other]';
    const j = last(q);
    assert.ok(j.kind === 'join');
    assert.deepEqual(
      j.conditions?.map((x) => [x.a.name, x.op, x.b.name, q.slice(x.span.start, x.span.end)]),
      [
        ['L.host', '=', 'R.host', 'L.host = R.host'],
        ['L.t', '<', 'R.t', 'L.t<R.t'],
        ['R.n', '>=', 'L.n', 'R.n >= L.n'],
        ['L.a', '!=', 'R.b', 'L.a!=R.b'],
        ['L.c', '=', 'R.c', 'L.c==R.c'],
      ],
    );
    assert.equal(j.notCondition, undefined);
    assert.equal(
      format(parsed(q), q),
      'index=main\n| join left=L right=R where L.host = R.host L.t<R.t AND R.n >= L.n L.a!=R.b L.c==R.c [search index=other]',
    );
    assert.ok(compile(q, opts).ok);
    // A comparison without the alias form, and one whose right side is missing, are positioned errors.
    for (const [bad, at] of [
      ['index=main | join a < b [search index=other]', '<'],
      ['index=main | join left=L right=R where L.t < [search index=other]', 'L.t'],
    ] as const) {
      const r = compile(bad, opts);
      assert.ok(!r.ok, bad);
      assert.deepEqual(
        r.errors.map((e) => bad.slice(e.span.start, e.span.end)),
        [at],
        bad,
      );
    }
  });

  test('makeresults annotate=, format= and data= parse and compile (rows: datasource-server test/spl/makeresults-data.test.ts)', () => {
    const r = compile('| makeresults count=2 annotate=t format=csv data="a\n1"', opts);
    assert.ok(r.ok, JSON.stringify(r.ok ? [] : r.errors));
    // A header without rows is a mistake in the data, said at it.
    const empty = compile('| makeresults format=csv data="a"', opts);
    assert.ok(!empty.ok);
    assert.deepEqual(
      empty.errors.map((e) => [e.code, e.message]),
      [['semantic', '`makeresults data=`: the data has no rows']],
    );
  });
});
