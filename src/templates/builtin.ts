/**
 * A template we ship, defined once: the name errors call it by, its Handlebars source, and sample data of its data
 * type. The fields a project's replacement may use are read from the first sample, which the type checker holds to
 * having every part of the data present (FieldSample): adding a field to the data type without a sample value does
 * not compile, so the list cannot drift from the type. No Handlebars here: the actions load this at start-up.
 */

/** A value of `Data` with every optional part present: nothing null or left out, every list with an item. */
export type FieldSample<Data> = Data extends string | number | boolean
  ? Data
  : Data extends readonly (infer Item)[]
    ? [FieldSample<NonNullable<Item>>, ...FieldSample<NonNullable<Item>>[]]
    : { readonly [Key in keyof Data]-?: FieldSample<NonNullable<Data[Key]>> };

export interface BuiltinTemplate<Data extends object = object> {
  /** How errors name it, e.g. `tracker-issue (built-in)`. */
  readonly name: string;
  readonly source: string;
  /** Every field path of the data (`advisories[].cvss.score`, `creditTypes[]`), in the order of the first sample. */
  readonly fields: readonly string[];
  /** Data to render it with: the first has every part present (the fields are read from it), others other branches. */
  readonly samples: readonly [FieldSample<Data>, ...Data[]];
}

/** The template with its fields read from its first sample. */
export function builtinTemplate<Data extends object>(
  definition: Omit<BuiltinTemplate<Data>, 'fields'>,
): BuiltinTemplate<Data> {
  return { ...definition, fields: fieldsOf(definition.samples[0]) };
}

/**
 * The field paths of a sample, keys in order: nested objects joined with `.`, a list's items as `list[]`
 * (`{ cves: [{ id }] }` → `cves[].id`; `{ tags: ['x'] }` → `tags[]`).
 */
export function fieldsOf(sample: object, prefix = ''): string[] {
  return Object.entries(sample).flatMap(([key, value]) => fieldPaths(`${prefix}${key}`, value));
}

function fieldPaths(path: string, value: unknown): string[] {
  if (Array.isArray(value)) {
    const item: unknown = value[0];
    return isObject(item) ? fieldsOf(item, `${path}[].`) : [`${path}[]`];
  }
  return isObject(value) ? fieldsOf(value, `${path}.`) : [path];
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
