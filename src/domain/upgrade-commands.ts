/**
 * "How do I upgrade?" when the maintainers gave no command: one command per package manager and release line, from
 * the advisory's packages (GitHub's ecosystems) or the managers the `package-managers` input names (conda is no
 * GitHub ecosystem: a conda-forge package names it there).
 */

export interface UpgradeStep {
  /** `pip`, `conda`, `npm`... */
  readonly manager: string;
  readonly command: string;
}

type Command = (name: string, version: string) => string;

const COMMANDS: Readonly<Record<string, Command>> = {
  pip: (name, version) => `pip install --upgrade "${name}==${version}"`,
  conda: (name, version) => `conda install -c conda-forge "${name}=${version}"`,
  npm: (name, version) => `npm install ${name}@${version}`,
  rubygems: (name, version) => `gem install ${name} -v ${version}`,
  nuget: (name, version) => `dotnet add package ${name} --version ${version}`,
  composer: (name, version) => `composer require "${name}:${version}"`,
  go: (name, version) => `go get ${name}@v${version.replace(/^v/, '')}`,
  rust: (name, version) => `cargo update -p ${name} --precise ${version}`,
  pub: (name, version) => `dart pub add ${name}:${version}`,
  maven: (name, version) => `set the version of ${name} to ${version} in your pom.xml (or build.gradle)`,
};

export const KNOWN_MANAGERS: readonly string[] = Object.keys(COMMANDS);

export function knownManager(manager: string): boolean {
  return Object.hasOwn(COMMANDS, manager.toLowerCase());
}

export interface PackageRef {
  readonly ecosystem: string;
  readonly name: string;
}

/**
 * The steps for each package (by the managers given, else its own ecosystem) and each version released, without
 * repeats, in the order the packages and versions come.
 */
export function upgradeSteps(
  packages: readonly PackageRef[],
  versions: readonly string[],
  managers: readonly string[],
): UpgradeStep[] {
  const steps: UpgradeStep[] = [];
  const seen = new Set<string>();
  for (const pkg of packages) {
    const wanted = managers.length > 0 ? managers : [pkg.ecosystem];
    for (const manager of wanted.map((name) => name.toLowerCase())) {
      const command = COMMANDS[manager];
      if (!command) continue;
      for (const version of versions) {
        const text = command(pkg.name, version);
        if (seen.has(text)) continue;
        seen.add(text);
        steps.push({ manager, command: text });
      }
    }
  }
  return steps;
}
