// `iplocation`: adds location fields from an IP address, from the IP geolocation database Nexus ships.

import { bool, str } from '../analyse/options.ts';
import { diagnostic } from '../diagnostics.ts';
import { geoipLanguages, ipLocation } from '../geoip.ts';
import type { Expr } from '../ir/types.ts';
import { lit } from '../ir/types.ts';
import { iplocationBody } from '../parser/commands-data.ts';
import { truthy } from '../plan/helpers.ts';
import type { State } from '../plan/index.ts';
import { reservedNames } from '../plan/scope.ts';
import type { CommandModule } from './types.ts';

export const iplocation: CommandModule<'iplocation'> = {
  name: 'iplocation',
  kind: 'iplocation',
  status: 'partly',
  grammar: { mode: 'args', body: iplocationBody },
  options: { placement: 'leading', options: { prefix: str, allfields: bool, lang: str } },
  doc: {
    summary: 'Adds location fields from an IP address.',
    syntax: 'iplocation [prefix=<string>] [allfields=<bool>] [lang=<string>] <ip-address-field>',
    example: 'index=main | iplocation clientip | stats count by Country',
    differences: [
      'The database Nexus ships (npm `@ip-location-db/geo-whois-asn-country`, data CC BY 4.0 by the NRO) knows countries only: `City`, `Region`, `lat`, `lon` (and `Continent`, `MetroCode`, `Timezone` with `allfields=true`) are null.',
      '`lang=` takes the languages of Splunk’s database (en, de, es, fr, ja, pt-BR, ru, zh-CN); country names come from the Unicode CLDR data of the runtime.',
    ],
  },
  lower(c, s, ctx) {
    let prefix = '';
    let all = false;
    let lang = 'en';
    for (const o of c.options) {
      const k = o.key.name.toLowerCase();
      if (k === 'prefix') prefix = o.value.text;
      else if (k === 'allfields') all = truthy(o.value.text);
      else if (k === 'lang') {
        if (!geoipLanguages.includes(o.value.text)) {
          ctx.errors.push(
            diagnostic(
              'semantic',
              `\`lang=${o.value.text}\` is not a language of the IP database: ${geoipLanguages.join(', ')}`,
              o.value.span,
            ),
          );
          return s;
        }
        lang = o.value.text;
      }
    }
    const location = ipLocation(s.scope.resolve(c.field.name, c.field.span), lang, c.span);
    const outputs: [string, Expr][] = [
      ...(['City', 'Country', 'Region', 'lat', 'lon'] as const).map((n): [string, Expr] => [n, location[n]]),
      ...(all
        ? (['Continent', 'MetroCode', 'Timezone'] as const).map((n): [string, Expr] => [n, lit(null)])
        : []),
    ];
    let state: State = s;
    for (const [field, expr] of outputs) {
      const name = `${prefix}${field}`;
      if (reservedNames.has(name)) {
        ctx.errors.push(diagnostic('semantic', `\`${name}\` is reserved and cannot be assigned`, c.span));
        return s;
      }
      state = {
        rel: { kind: 'compute', input: state.rel, name, expr },
        scope: state.scope.with(name, expr.type === 'null' ? 'any' : expr.type),
      };
    }
    return state;
  },
};
