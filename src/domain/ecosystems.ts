/**
 * GitHub's advisory ecosystems and the aliases maintainers write for them. Apart from vulnerabilities.ts, which parses
 * YAML: the intake form needs only the names, and an action that reads the form should not load the YAML parser.
 */
/** GitHub's `security-advisory-ecosystems` enum in its REST OpenAPI description, in its order. */
export const ADVISORY_ECOSYSTEMS = [
  'rubygems',
  'npm',
  'pip',
  'maven',
  'nuget',
  'composer',
  'go',
  'rust',
  'erlang',
  'actions',
  'pub',
  'other',
  'swift',
] as const;

export type AdvisoryEcosystem = (typeof ADVISORY_ECOSYSTEMS)[number];

const ECOSYSTEM_ALIASES: Readonly<Record<string, AdvisoryEcosystem>> = {
  pypi: 'pip',
  python: 'pip',
  'crates.io': 'rust',
  cargo: 'rust',
  packagist: 'composer',
  hex: 'erlang',
  gem: 'rubygems',
  golang: 'go',
  'github actions': 'actions',
  'pub.dev': 'pub',
  swifturl: 'swift',
  swiftpm: 'swift',
};

/** GitHub's ecosystem for a name or alias (case-insensitive), or undefined. */
export function normalizeEcosystem(value: string): AdvisoryEcosystem | undefined {
  const key = value.trim().toLowerCase();
  return ADVISORY_ECOSYSTEMS.find((ecosystem) => ecosystem === key) ?? ECOSYSTEM_ALIASES[key];
}
