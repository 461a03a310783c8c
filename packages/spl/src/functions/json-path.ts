// The paths of Splunk's JSON eval functions (`json_extract`, `json_set`, `json_delete`, …): `a.b{0}.c`,
// keys separated by dots, `{N}` the Nth element of an array (from 0), `{}` every element.

/** One step of a path: a key of an object, an element of an array, or every element. */
export type JsonStep = { readonly key: string } | { readonly index: number } | { readonly all: true };

/**
 * `user.names{0}` → `[{key: 'user'}, {key: 'names'}, {index: 0}]`; undefined when the text is not a path
 * (an empty key, an unclosed brace, a brace holding anything but digits).
 */
export function parseJsonPath(text: string): JsonStep[] | undefined {
  const steps: JsonStep[] = [];
  for (const segment of text.split('.')) {
    const m = /^([^{}]*)((?:\{\d*\})*)$/.exec(segment);
    if (!m) return undefined;
    const key = m[1] ?? '';
    const braces = m[2] ?? '';
    if (key === '' && braces === '') return undefined;
    if (key !== '') steps.push({ key });
    for (const b of braces.match(/\{\d*\}/g) ?? []) {
      const digits = b.slice(1, -1);
      steps.push(digits === '' ? { all: true } : { index: Number(digits) });
    }
  }
  return steps;
}

/** Keys read literally (`json_set_exact`, `json_extract_exact`): one step, dots and braces included. */
export const exactKey = (text: string): JsonStep[] => [{ key: text }];
