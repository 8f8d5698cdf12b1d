import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ACKNOWLEDGEMENT_TEMPLATE } from '../../src/templates/acknowledgement.js';
import { ANNOUNCEMENT_TEMPLATE } from '../../src/templates/announcement.js';
import type { BuiltinTemplate } from '../../src/templates/builtin.js';
import { compileTemplate, renderTemplate, TemplateError } from '../../src/templates/engine.js';
import { compiledBuiltin, sourceSha256 } from '../../src/templates/engine/builtins.js';
import { handlebars } from '../../src/templates/engine/compiler.js';
import { runtime } from '../../src/templates/engine/runtime.js';
import { FORK_GUIDANCE_TEMPLATE } from '../../src/templates/fork-guidance.js';
import { PRECOMPILED_TEMPLATES } from '../../src/templates/precompiled.generated.js';
import { REJECTION_TEMPLATE } from '../../src/templates/rejection.js';
import { REPORTER_MILESTONE_TEMPLATE } from '../../src/templates/reporter-milestones.js';
import { REPORTER_THANKS_TEMPLATE } from '../../src/templates/reporter-thanks.js';
import { RETROSPECTIVE_TEMPLATE } from '../../src/templates/retrospective.js';
import { TRACKER_ISSUE_TEMPLATE } from '../../src/templates/tracker-issue.js';

const BUILTINS: readonly BuiltinTemplate[] = [
  ACKNOWLEDGEMENT_TEMPLATE,
  ANNOUNCEMENT_TEMPLATE,
  FORK_GUIDANCE_TEMPLATE,
  REJECTION_TEMPLATE,
  REPORTER_MILESTONE_TEMPLATE,
  REPORTER_THANKS_TEMPLATE,
  RETROSPECTIVE_TEMPLATE,
  TRACKER_ISSUE_TEMPLATE,
];
const CASES = BUILTINS.map((builtin) => [builtin.name, builtin] as const);

/** What rendering gives: the text, or the TemplateError's message. */
function outcome(render: () => string): string {
  try {
    return `rendered: ${render()}`;
  } catch (error) {
    if (error instanceof TemplateError) return `error: ${error.message}`;
    throw error;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `data` with each field, and each field of a nested object or of a list's first item, left out and then set to null:
 * the data of every render error a template can meet.
 */
function brokenVariants(data: Record<string, unknown>): Record<string, unknown>[] {
  return Object.entries(data).flatMap(([key, value]) => {
    const without = Object.fromEntries(Object.entries(data).filter(([name]) => name !== key));
    const [first, ...rest] = Array.isArray(value) ? (value as unknown[]) : [];
    const nested = isObject(value)
      ? brokenVariants(value)
      : isObject(first)
        ? brokenVariants(first).map((item) => [item, ...rest])
        : [];
    return [without, { ...data, [key]: null }, ...nested.map((variant) => ({ ...data, [key]: variant }))];
  });
}

function brokenSamples(builtin: BuiltinTemplate): object[] {
  return brokenVariants({ ...builtin.samples[0] });
}

describe('the built-in templates, precompiled', () => {
  it('holds exactly the built-in templates', () => {
    expect(Object.keys(PRECOMPILED_TEMPLATES).sort()).toEqual(BUILTINS.map(({ name }) => name).sort());
  });

  it.each(CASES)('%s renders every sample exactly as its compiled source does', (_name, builtin) => {
    const compiled = compileTemplate(builtin.source, builtin.name);
    const precompiled = compiledBuiltin(builtin);
    for (const sample of builtin.samples) {
      const expected = renderTemplate(compiled, sample);
      expect(expected).not.toBe('');
      expect(renderTemplate(precompiled, sample)).toBe(expected);
    }
  });

  it.each(CASES)('%s fails on broken data with the same errors as its compiled source', (_name, builtin) => {
    const compiled = compileTemplate(builtin.source, builtin.name);
    const precompiled = compiledBuiltin(builtin);
    const outcomes = brokenSamples(builtin).map((data) => [
      outcome(() => renderTemplate(precompiled, data)),
      outcome(() => renderTemplate(compiled, data)),
    ]);
    for (const [fromPrecompiled, fromSource] of outcomes) expect(fromPrecompiled).toBe(fromSource);
    expect(outcomes.some(([fromPrecompiled]) => fromPrecompiled?.includes('is not defined'))).toBe(true);
  });

  it('were precompiled from the current sources', () => {
    for (const builtin of BUILTINS) {
      expect(PRECOMPILED_TEMPLATES[builtin.name]?.sourceSha256).toBe(sourceSha256(builtin.source));
    }
  });

  it('refuses a built-in template whose source changed since it was precompiled', () => {
    const edited = { ...ANNOUNCEMENT_TEMPLATE, source: `${ANNOUNCEMENT_TEMPLATE.source}\nP.S.` };
    expect(() => compiledBuiltin(edited)).toThrow(
      'The built-in template "announcement (built-in)" changed since it was precompiled: run `npm run docs`',
    );
    expect(() => compiledBuiltin({ ...edited, name: 'unknown (built-in)' })).toThrow('has no precompiled code');
  });

  it('are rendered by a runtime carrying the same helpers as the compiler', () => {
    expect(Object.keys(runtime.helpers).sort()).toEqual(Object.keys(handlebars.helpers).sort());
    expect(runtime.helpers.md).not.toBe(handlebars.helpers.md);
    expect('precompile' in runtime).toBe(false);
  });
});

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const GENERATED = join(ROOT, 'src/templates/precompiled.generated.ts');

function checkGenerated(file: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['scripts/precompile-templates.mjs', '--check', '--file', file], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// A mutation run (stryker.config.mjs, tempDirName) tests a copy of the tree whose sources Stryker rewrote: the check
// regenerates from those and rightly finds the committed file stale. It checks the build, not the code under mutation.
const describeOutsideMutationSandbox = ROOT.split(/[\\/]/).includes('.stryker-tmp') ? describe.skip : describe;

describeOutsideMutationSandbox('the precompiled templates check (`npm run docs -- --check`)', () => {
  it('passes on the generated file and fails on a stale one', () => {
    expect(checkGenerated(GENERATED)).toEqual({ status: 0, output: expect.stringContaining('is up to date') });
    const stale = join(mkdtempSync(join(tmpdir(), 'precompiled-')), 'precompiled.generated.ts');
    const current = readFileSync(GENERATED, 'utf8');
    // A template's text changed in its source, not in its precompiled code.
    writeFileSync(stale, current.replace('Hello ', 'Hi '));
    expect(current).toContain('Hello ');
    expect(checkGenerated(stale)).toEqual({ status: 1, output: expect.stringContaining('is stale') });
  }, 30_000);
});

/** The modules `file` imports when it is evaluated (static imports and re-exports, not `import type` or import()). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)(?! type\b)[^;]*?from '([^']+)';/gms)].map(
    (match) => match[1] ?? '',
  );
  return specifiers.map((specifier) =>
    specifier.startsWith('.') ? resolve(dirname(file), specifier.replace(/\.js$/, '.ts')) : specifier,
  );
}

function loadedAtStart(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.ts')) pending.push(...staticImports(file));
  }
  return seen;
}

describe('the modules that load the Handlebars compiler', () => {
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(ROOT, 'src', file));

  it('are only the engine that compiles a project template (which the actions import when reading one)', () => {
    const loadingCompiler = sources.filter((file) => loadedAtStart(file).has('handlebars'));
    expect(loadingCompiler.map((file) => file.slice(ROOT.length + 1)).sort()).toEqual([
      'src/templates/engine.ts',
      'src/templates/engine/analysis.ts',
      'src/templates/engine/compiler.ts',
    ]);
  });

  it('do not include what renders a built-in template, which loads the runtime alone', () => {
    const loaded = loadedAtStart(join(ROOT, 'src/actions/common/template-render.ts'));
    expect(loaded).toContain('handlebars/runtime');
    expect(loaded).toContain(join(ROOT, 'src/templates/precompiled.generated.ts'));
    expect(loaded).not.toContain('handlebars');
  });
});
