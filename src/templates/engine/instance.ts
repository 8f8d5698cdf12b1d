/**
 * How every Handlebars instance templates are compiled or rendered with is set up: strict, no HTML escaping, only the
 * helpers of helpers.ts (each checking its arguments), no `lookup`, `log`, partials or `{{#field}}` sections. The
 * same setup serves the full Handlebars (compiler.ts: a project's own template) and its runtime alone (runtime.ts:
 * the precompiled built-in templates), so both render alike. No Handlebars is loaded here.
 */
import type Handlebars from 'handlebars';
import { atLine, RenderProblem } from './errors.js';
import { BLOCK_HELPERS, KNOWN_HELPERS, sectionMessage, VALUE_HELPERS } from './helpers.js';

/** The full Handlebars or its runtime alone (the runtime's type is the full one's). */
export type HandlebarsInstance = typeof Handlebars;

interface CallOptions {
  name: string;
  ids: readonly unknown[];
  hash: Readonly<Record<string, unknown>>;
  line: number | undefined;
}

export const COMPILE_OPTIONS: CompileOptions & { trackIds: boolean } = {
  strict: true,
  knownHelpersOnly: true,
  noEscape: true,
  // Gives helpers the source path of each argument, so a missing value can be named in the error.
  trackIds: true,
  knownHelpers: {
    ...Object.fromEntries([...KNOWN_HELPERS].map((name) => [name, true])),
    lookup: false,
    log: false,
  },
};

export const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
};

/** `instance` (a fresh `create()`) with our helpers in place of Handlebars' own. */
export function configureInstance(instance: HandlebarsInstance): HandlebarsInstance {
  instance.unregisterHelper('lookup');
  instance.unregisterHelper('log');
  for (const [name, spec] of Object.entries(VALUE_HELPERS)) {
    instance.registerHelper(name, (...args: unknown[]) => {
      const values = checkedValues(args, spec.arity);
      try {
        return spec.run(values);
      } catch (error) {
        if (!(error instanceof RenderProblem)) throw error;
        throw new RenderProblem(`${error.message}${atLine(callOptions(args[args.length - 1]).line)}`);
      }
    });
  }
  for (const name of BLOCK_HELPERS) {
    const builtin = instance.helpers[name];
    if (!builtin) throw new Error(`Handlebars has no built-in "${name}" helper`);
    instance.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      checkedValues(args, [1, 1]);
      return Reflect.apply(builtin, this, args) as unknown;
    });
  }
  instance.registerHelper('blockHelperMissing', (...args: unknown[]) => {
    const { name, line } = callOptions(args[args.length - 1]);
    throw new RenderProblem(`${sectionMessage(name)}${atLine(line)}`);
  });
  return instance;
}

/** The positional arguments of a helper call, after checking their count and that none is undefined. */
function checkedValues(args: readonly unknown[], [min, max]: readonly [number, number]): unknown[] {
  const options = callOptions(args[args.length - 1]);
  const values = args.slice(0, -1);
  if (values.length < min || values.length > max) {
    const expected = min === max ? `${min}` : `${min} or ${max}`;
    throw new RenderProblem(
      `"${options.name}" takes ${expected} argument(s), got ${values.length}${atLine(options.line)}`,
    );
  }
  if (Object.keys(options.hash).length > 0) {
    throw new RenderProblem(`"${options.name}" takes no named arguments${atLine(options.line)}`);
  }
  values.forEach((value, index) => {
    if (value !== undefined) return;
    const id = options.ids[index];
    const what = typeof id === 'string' ? `"${id}"` : `argument ${index + 1} of "${options.name}"`;
    throw new RenderProblem(`${what} is not defined${atLine(options.line)}`);
  });
  return values;
}

function callOptions(value: unknown): CallOptions {
  const options = isRecord(value) ? value : {};
  const loc = isRecord(options.loc) && isRecord(options.loc.start) ? options.loc.start : {};
  return {
    name: typeof options.name === 'string' ? options.name : 'helper',
    ids: Array.isArray(options.ids) ? options.ids : [],
    hash: isRecord(options.hash) ? options.hash : {},
    line: typeof loc.line === 'number' ? loc.line : undefined,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
