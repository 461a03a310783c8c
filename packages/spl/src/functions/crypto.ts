// Cryptographic functions (Search Reference 9.4): md5, sha1, sha256, sha512 as lower-case hex.

import { call, lit } from '../ir/types.ts';
import { toStr } from '../plan/coerce.ts';
import type { EvalFunction } from './types.ts';
import { evalFn } from './types.ts';

const hash = (name: 'md5' | 'sha1' | 'sha256' | 'sha512', title: string): EvalFunction =>
  evalFn('crypto', name, [1, 1], `${name}(<str>)`, `The ${title} hash of the string, in hex.`, ([s], at) =>
    call('hash', [toStr(s ?? lit(null)), lit(name)], 'string', at),
  );

export const cryptoFunctions: readonly EvalFunction[] = [
  hash('md5', 'MD5'),
  hash('sha1', 'SHA-1'),
  hash('sha256', 'SHA-256'),
  hash('sha512', 'SHA-512'),
];
