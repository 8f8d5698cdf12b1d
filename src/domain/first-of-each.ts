/** Each item once, in order, the first of each kept; `keyOf` says which items are the same. */
export function firstOfEach<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** GitHub logins, team slugs and CODEOWNERS owners ignore case: each once, as first spelled. */
export function firstOfEachIgnoringCase(items: readonly string[]): string[] {
  return firstOfEach(items, (item) => item.toLowerCase());
}
