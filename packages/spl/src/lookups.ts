// Lookup table names, and the catalog of table columns the planner reads (the service loads it; no I/O here).

/**
 * The columns of each lookup table the search may use, in the header's order, by canonical name
 * (see `lookupTableName`). The service loads it from storage for the caller's tenant before compiling.
 *
 * @example new Map([['users', ['user', 'department', 'manager']]])
 */
export type LookupCatalog = ReadonlyMap<string, readonly string[]>;

/** Splunk's default `max_matches` for a CSV lookup (`transforms.conf`): matching rows used per event. */
export const LOOKUP_MAX_MATCHES = 1000;

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const MAX_NAME = 128;

/**
 * The canonical name of a lookup table: `users.csv` and `users` are the same table, as a Splunk lookup
 * file and the definition of the same name are. Undefined when `name` is not a valid table name
 * (letters, digits, `_`, `.` and `-`, not starting with `.` or `-`, at most 128 characters).
 *
 * @example lookupTableName('users.csv') // 'users'
 */
export function lookupTableName(name: string): string | undefined {
  if (name.length > MAX_NAME || !NAME.test(name)) return undefined;
  const canonical = name.replace(/\.csv$/i, '');
  return canonical === '' ? undefined : canonical;
}

/** Why `name` is not a valid lookup table name, for a diagnostic or an HTTP 400. */
export function lookupNameProblem(name: string): string {
  return name.length > MAX_NAME
    ? `a lookup table name has at most ${MAX_NAME} characters`
    : `\`${name}\` is not a valid lookup table name: use letters, digits, \`_\`, \`.\` and \`-\` (such as \`users.csv\`)`;
}

/**
 * A catalog from JSON such as a schema file (`{ "users": ["user", "dept"], … }`): table names are
 * validated and made canonical, columns must be non-empty unique strings.
 *
 * @example lookupCatalogFromJson({ 'users.csv': ['user', 'dept'] }) // { catalog: Map { 'users' => [...] } }
 */
export function lookupCatalogFromJson(value: unknown): { catalog: LookupCatalog } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'a lookup schema is a JSON object of table name → array of column names' };
  }
  const catalog = new Map<string, readonly string[]>();
  for (const [name, columns] of Object.entries(value)) {
    const canonical = lookupTableName(name);
    if (canonical === undefined) return { error: lookupNameProblem(name) };
    if (
      !Array.isArray(columns) ||
      columns.length === 0 ||
      !columns.every((c): c is string => typeof c === 'string' && c !== '') ||
      new Set(columns).size !== columns.length
    ) {
      return { error: `the columns of \`${name}\` must be an array of distinct non-empty names` };
    }
    catalog.set(canonical, columns);
  }
  return { catalog };
}
