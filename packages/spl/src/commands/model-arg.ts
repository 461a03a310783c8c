// The one argument of the MLTK commands that name a saved model and take nothing else (`summary`,
// `deletemodel`): the model's name, checked.

import type { GenericCommand } from '../ast.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import { modelName, modelNameProblem } from '../models.ts';
import { genericArgs } from './generic-args.ts';
import type { Word } from './generic-args.ts';

/**
 * The model `c` names (its stored name, and the word as written), or undefined with the problem in `errors`:
 * an option, a second word, no name, or a name a model cannot have.
 *
 * @example modelArgument(c, errors) // `| summary hourly_count` → { name: 'hourly_count', word }
 */
export function modelArgument(
  c: GenericCommand,
  errors: Diagnostic[],
): { readonly name: string; readonly word: Word } | undefined {
  const command = c.name.name;
  const { options, words } = genericArgs(c, errors);
  const [word, ...extra] = words;
  for (const o of options)
    errors.push(diagnostic('unsupported', `\`${command} ${o.key.name}=\` is not supported`, o.span));
  for (const w of extra)
    errors.push(diagnostic('syntax', `\`${command}\` takes one model name, found \`${w.text}\``, w.span));
  if (!word) {
    errors.push(
      diagnostic(
        'syntax',
        `\`${command}\` needs a model name, such as \`| ${command} hourly_count\``,
        c.name.span,
      ),
    );
    return undefined;
  }
  const name = modelName(word.text);
  if (name === undefined) {
    errors.push(diagnostic('semantic', modelNameProblem(word.text), word.span));
    return undefined;
  }
  return { name, word };
}
