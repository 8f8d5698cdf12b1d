/**
 * The built-in templates as the build precompiled them (src/templates/precompiled.generated.ts, written by
 * `npm run docs`): rendered with Handlebars' runtime alone, so a run never loads the compiler for a template we ship.
 */
import { createHash } from 'node:crypto';
import type { BuiltinTemplate } from '../builtin.js';
import { PRECOMPILED_TEMPLATES } from '../precompiled.generated.js';
import { precompiledTemplate, type CompiledTemplate } from './render.js';

const REGENERATE = 'run `npm run docs` to precompile the built-in templates again';

export function sourceSha256(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** `builtin`, renderable; throws when its source is not the one precompiled (a template edited without regenerating). */
export function compiledBuiltin(builtin: BuiltinTemplate): CompiledTemplate {
  const precompiled = PRECOMPILED_TEMPLATES[builtin.name];
  if (!precompiled) throw new Error(`The built-in template "${builtin.name}" has no precompiled code: ${REGENERATE}.`);
  if (precompiled.sourceSha256 !== sourceSha256(builtin.source)) {
    throw new Error(`The built-in template "${builtin.name}" changed since it was precompiled: ${REGENERATE}.`);
  }
  return precompiledTemplate(builtin.name, precompiled.spec, precompiled.paths);
}
