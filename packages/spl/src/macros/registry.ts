// Search macro definitions and the registry that keys them by name and arity, as Splunk does.

import type { Span } from '../diagnostics.ts';

/** One search macro, as a `macros.conf` stanza defines it. */
export interface MacroDefinition {
  /** The macro's name without the arity suffix: `security_content_ctime`. */
  readonly name: string;
  /** Argument names in order; their count is the macro's arity. */
  readonly args: readonly string[];
  /** The text the call is replaced by, with `$arg$` placeholders (an eval expression when `iseval`). */
  readonly definition: string;
  /** `iseval = true`: `definition` is an eval expression that returns the expansion. */
  readonly iseval?: boolean;
  /** `validation`: an eval expression over the arguments (kept, not evaluated). */
  readonly validation?: string;
  /** `errormsg`: shown when `validation` is false (kept, not evaluated). */
  readonly errormsg?: string;
  readonly description?: string;
  /** Where the definition came from (a file name) and its stanza's 1-based line. */
  readonly source?: string;
  readonly line?: number;
  /** The stanza's span in the source text. */
  readonly span?: Span;
}

/** Splunk's key for a macro: `name` when it takes no arguments, `name(N)` otherwise. */
export const macroKey = (name: string, arity: number): string => (arity === 0 ? name : `${name}(${arity})`);

/** How a macro is written when called, for messages: `name` or `name(a, b)`. */
export const macroSignature = (def: MacroDefinition): string =>
  def.args.length === 0 ? def.name : `${def.name}(${def.args.join(', ')})`;

/** Search macros by `name(arity)`; a later definition of the same key replaces the earlier one. */
export class MacroRegistry {
  readonly #byKey = new Map<string, MacroDefinition>();
  readonly #arities = new Map<string, Set<number>>();

  constructor(definitions: Iterable<MacroDefinition> = []) {
    for (const d of definitions) this.define(d);
  }

  /** Adds (or replaces) a definition; returns the registry for chaining. */
  define(def: MacroDefinition): this {
    this.#byKey.set(macroKey(def.name, def.args.length), def);
    let set = this.#arities.get(def.name);
    if (!set) this.#arities.set(def.name, (set = new Set()));
    set.add(def.args.length);
    return this;
  }

  /** Adds every definition of `other` (later wins); returns this registry. */
  merge(other: MacroRegistry): this {
    for (const d of other.definitions()) this.define(d);
    return this;
  }

  get(name: string, arity: number): MacroDefinition | undefined {
    return this.#byKey.get(macroKey(name, arity));
  }

  has(name: string, arity: number): boolean {
    return this.#byKey.has(macroKey(name, arity));
  }

  /** The arities `name` is defined with, ascending (empty when it is not defined at all). */
  arities(name: string): number[] {
    return [...(this.#arities.get(name) ?? [])].sort((a, b) => a - b);
  }

  /** Distinct macro names (without arity), for "did you mean" hints. */
  names(): string[] {
    return [...this.#arities.keys()];
  }

  /** Every key, `name` or `name(N)`. */
  keys(): string[] {
    return [...this.#byKey.keys()];
  }

  definitions(): MacroDefinition[] {
    return [...this.#byKey.values()];
  }

  get size(): number {
    return this.#byKey.size;
  }
}
