// CSV (RFC 4180): lookup table uploads parsed into a header and rows and written back out, and the inline
// data of `makeresults format=csv`.

export interface CsvTable {
  /** Column names, in the header's order (trimmed, non-empty, unique). */
  readonly header: string[];
  /** Every row has exactly `header.length` cells. */
  readonly rows: string[][];
}

export type CsvResult =
  | { readonly ok: true; readonly table: CsvTable }
  | {
      readonly ok: false;
      readonly message: string;
      readonly line: number;
      /** The text holds more rows than allowed (`maxRows`): a size problem (413), not a syntax one. */
      readonly tooLarge?: boolean;
    };

export interface CsvLimits {
  /** Rows after the header; past this, parsing stops with a `tooLarge` result. Default: none. */
  readonly maxRows?: number;
}

/** Characters parsed between two checks of the clock in {@link parseCsvChunked}. */
const STEP_CHARS = 16 * 1024;

class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * Parses CSV text as RFC 4180 describes it: records end at CRLF (or a bare LF), fields are separated by
 * commas, and a field in double quotes may hold commas, line breaks and doubled quotes (`""`). A quote in
 * an unquoted field, text after a closing quote, an unterminated quote and a bare CR are errors, with
 * the line they are on. The first record is the header: its names are trimmed (Splunk reads `a, b` as
 * columns `a` and `b`), and must be non-empty and unique. Every row must have as many fields as the
 * header; blank lines are skipped. A leading byte-order mark is ignored.
 *
 * @example parseCsv('user,dept\r\nalice,"R&D, Paris"\r\n')
 *   // { ok: true, table: { header: ['user', 'dept'], rows: [['alice', 'R&D, Paris']] } }
 */
export function parseCsv(text: string, limits: CsvLimits = {}): CsvResult {
  const steps = parseSteps(text, limits);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link parseCsv} that hands the event loop back every `sliceMs` milliseconds (default 4), so a large
 * upload never stalls other requests or health checks; stops at `maxRows` rows (a `tooLarge` result).
 *
 * @example await parseCsvChunked(text, { maxRows: 100_000 })
 */
export async function parseCsvChunked(
  text: string,
  limits: CsvLimits & { sliceMs?: number } = {},
): Promise<CsvResult> {
  const sliceMs = limits.sliceMs ?? 4;
  const steps = parseSteps(text, limits);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((r) => setImmediate(r));
      sliceStart = performance.now();
    }
  }
}

/** The parse as steps: it yields every {@link STEP_CHARS} characters and returns the result. */
function* parseSteps(text: string, limits: CsvLimits): Generator<void, CsvResult, undefined> {
  try {
    const records = yield* readRecords(text.startsWith('\uFEFF') ? text.slice(1) : text, limits.maxRows);
    const first = records[0];
    if (!first) throw new CsvError('the CSV is empty: a header row with the column names is required', 1);
    const header = first.fields.map((f) => f.trim());
    const seen = new Map<string, number>();
    header.forEach((name, i) => {
      if (name === '') throw new CsvError(`column ${i + 1} of the header has no name`, first.line);
      const before = seen.get(name);
      if (before !== undefined) {
        throw new CsvError(
          `the header names \`${name}\` twice (columns ${before + 1} and ${i + 1})`,
          first.line,
        );
      }
      seen.set(name, i);
    });
    const rows = records.slice(1).map((r) => {
      if (r.fields.length !== header.length) {
        throw new CsvError(
          `line ${r.line} has ${r.fields.length} field${r.fields.length === 1 ? '' : 's'}, the header has ${header.length}`,
          r.line,
        );
      }
      return r.fields;
    });
    return { ok: true, table: { header, rows } };
  } catch (err) {
    if (err instanceof CsvError) {
      return { ok: false, message: err.message, line: err.line, ...(err.tooLarge ? { tooLarge: true } : {}) };
    }
    throw err;
  }
}

interface CsvRecord {
  readonly fields: string[];
  /** The line the record starts on (1-based). */
  readonly line: number;
}

/** The records of `text`, blank lines left out; yields every {@link STEP_CHARS} characters. */
function* readRecords(text: string, maxRows = Infinity): Generator<void, CsvRecord[], undefined> {
  const records: CsvRecord[] = [];
  let nextYield = STEP_CHARS;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  // A record is blank while it has one empty, unquoted field.
  let blank = true;
  let i = 0;
  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    if (!blank) records.push({ fields, line: recordLine });
    // The header plus `maxRows` rows.
    if (records.length > maxRows + 1) {
      throw new CsvError(
        `the table has more than ${maxRows} rows (the limit of one upload)`,
        recordLine,
        true,
      );
    }
    fields = [];
    blank = true;
  };
  while (i < text.length) {
    if (i >= nextYield) {
      yield;
      nextYield = i + STEP_CHARS;
    }
    const ch = text[i];
    if (ch === '"') {
      if (field !== '') throw new CsvError(`a quote inside an unquoted field, on line ${line}`, line);
      blank = false;
      const opened = line;
      i++;
      for (;;) {
        if (i >= text.length)
          throw new CsvError(`the quote opened on line ${opened} is never closed`, opened);
        if (i >= nextYield) {
          yield;
          nextYield = i + STEP_CHARS;
        }
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvError(`text after a closing quote, on line ${line}: quote the whole field`, line);
      }
      continue;
    }
    if (ch === ',') {
      blank = false;
      endField();
      i++;
      continue;
    }
    if (ch === '\r') {
      if (text[i + 1] !== '\n')
        throw new CsvError(`a carriage return without a line feed, on line ${line}`, line);
      i++;
      continue;
    }
    if (ch === '\n') {
      endRecord();
      i++;
      line++;
      recordLine = line;
      continue;
    }
    blank = false;
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0 || !blank) endRecord();
  return records;
}

/** One CSV field: quoted when it holds a comma, a quote, a line break or edge spaces (RFC 4180). */
function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes a table as CSV with CRLF line ends; a null cell is an empty field.
 *
 * @example toCsv(['user', 'dept'], [['alice', 'R&D, Paris']]) // 'user,dept\r\nalice,"R&D, Paris"\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | null)[])[]): string {
  const line = (cells: readonly (string | null)[]): string => cells.map(csvField).join(',');
  return [line(header), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}
