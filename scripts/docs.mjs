// Generates, from each actions/<name>/action.yml: the inputs/outputs tables inside actions/<name>/README.md
// (between the `<!-- generated:... -->` markers), and the root action.yml (the Marketplace entry: a `command` input
// plus every input and output of the six actions, each shared input described for every command that takes it);
// from src/actions/permissions.ts, the token permission tables of README.md and of each action's README; from
// src/domain/policy/fields.ts (the parser's table), the policy file's JSON Schema in schemas/; .env.example (every
// input, for a local run with @github/local-action).
// `--check` fails when a generated file is stale (CI runs it).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { tsImport } from 'tsx/esm/api';
import { parse } from 'yaml';
import { ACTIONS } from './actions.mjs';
import { PRECOMPILED_FILE, precompiledModule } from './precompile-templates.mjs';

const { ACTION_PERMISSIONS, PERMISSION_TITLES } = await tsImport('../src/actions/permissions.ts', import.meta.url);
const { SHARED_INPUTS } = await tsImport('../src/actions/shared-inputs.ts', import.meta.url);
const { PRESETS } = await tsImport('../src/domain/policy/presets.ts', import.meta.url);
const { provenanceCell } = await tsImport('../src/domain/policy/provenance.ts', import.meta.url);
const { formatDuration } = await tsImport('../src/domain/duration.ts', import.meta.url);

const check = process.argv.includes('--check');
const stale = [];

function cell(text) {
  return String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ').trim();
}

function inputsTable(inputs) {
  const rows = Object.entries(inputs ?? {}).map(
    ([name, input]) => `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default === undefined ? '' : `\`${cell(input.default)}\``} | ${cell(input.description)} |`,
  );
  return ['| input | required | default | description |', '|---|---|---|---|', ...rows].join('\n');
}

function outputsTable(outputs) {
  const rows = Object.entries(outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  return ['| output | description |', '|---|---|', ...rows].join('\n');
}

function replaceGenerated(text, name, content) {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const block = `${start}\n${content}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from === -1 || to === -1 ? `${text.trimEnd()}\n\n${block}\n` : text.slice(0, from) + block + text.slice(to + end.length);
}

function emit(path, content) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (current === content) return;
  if (check) stale.push(path);
  else writeFileSync(path, content);
}

const WHERE = {
  tracker: 'the tracker',
  projects: 'the projects',
  organization: 'the organization',
  forks: 'the temporary forks: never given to a token',
};

function grantText(grant) {
  return `${PERMISSION_TITLES[grant.permission]}: ${grant.access}`;
}

/** One row per grant: when (the mode), the permission, where, and the requests that need it. */
function permissionRows(name, withAction) {
  return ACTION_PERMISSIONS[name].modes.flatMap((mode) =>
    mode.grants.map(
      (grant) =>
        `| ${withAction ? `\`${name}\` | ` : ''}${cell(mode.name)} | ${grantText(grant)} | ${WHERE[grant.on]} | ${cell(grant.for)} |`,
    ),
  );
}

function actionPermissionsTable(name) {
  return [
    '## Token permissions',
    '',
    'What the GitHub App token given as `token` needs, mode by mode (from',
    '[`src/actions/permissions.ts`](../../src/actions/permissions.ts); Metadata: read, which every token has, is left out):',
    '',
    '| when | permission | on | for |',
    '|---|---|---|---|',
    ...permissionRows(name, false),
  ].join('\n');
}

function actionReadme(name, action) {
  const path = `actions/${name}/README.md`;
  const base = existsSync(path) ? readFileSync(path, 'utf8') : `# ${name}\n\n${action.description}\n`;
  const withPermissions = replaceGenerated(base, 'permissions', actionPermissionsTable(name));
  const withInputs = replaceGenerated(withPermissions, 'inputs', `## Inputs\n\n${inputsTable(action.inputs)}`);
  emit(path, replaceGenerated(withInputs, 'outputs', `## Outputs\n\n${outputsTable(action.outputs)}`));
}

/** The App's permissions: for each, the widest access any action needs, and which actions need it. */
function appPermissionsTable(names) {
  const needs = new Map();
  for (const name of names) {
    for (const mode of ACTION_PERMISSIONS[name].modes) {
      for (const grant of mode.grants) {
        if (grant.on === 'forks') continue;
        const entry = needs.get(grant.permission) ?? { access: 'read', users: new Map() };
        if (grant.access === 'write') entry.access = 'write';
        const before = entry.users.get(name);
        entry.users.set(name, before === 'write' ? 'write' : grant.access);
        needs.set(grant.permission, entry);
      }
    }
  }
  const rows = Object.keys(PERMISSION_TITLES)
    .filter((permission) => needs.has(permission))
    .map((permission) => {
      const { access, users } = needs.get(permission);
      const byAccess = (level) => [...users].filter(([, given]) => given === level).map(([user]) => `\`${user}\``);
      const readers = byAccess('read').join(', ');
      const who = access === 'read' ? readers : [byAccess('write').join(', '), readers && `read: ${readers}`].filter(Boolean).join('; ');
      return `| ${PERMISSION_TITLES[permission]} | ${access} | ${who} |`;
    });
  return [
    '| permission | access | needed by |',
    '|---|---|---|',
    ...rows,
    '| Repository: Metadata | read | every action (GitHub gives it to every App and token) |',
  ].join('\n');
}

/** `${{ env.NAME }}` replaced by the workflow's env value, for the table of the templates. */
function withEnv(value, env) {
  return String(value ?? '').replace(/\$\{\{\s*env\.([\w-]+)\s*\}\}/g, (_, name) => String(env[name] ?? ''));
}

/** Each job of each template: when it runs, what it runs, and the repositories and permissions of its App token. */
function templatesTable() {
  const dir = '.github/workflow-templates';
  const rows = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.yml')).sort()) {
    const workflow = parse(readFileSync(`${dir}/${file}`, 'utf8'));
    const on = typeof workflow.on === 'string' ? [workflow.on] : Object.keys(workflow.on ?? {});
    for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
      const steps = job.steps ?? [];
      const actions = steps
        .map((step) => /\/actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1])
        .filter((name) => name !== undefined)
        .map((name) => `\`${name}\``);
      const token = steps.find((step) => /^actions\/create-github-app-token@/.test(step.uses ?? ''))?.with ?? {};
      const repositories = token.repositories === undefined ? 'every repository of the installation' : withEnv(token.repositories, workflow.env ?? {}).split(/[\n,]/).map((name) => `\`${name.trim()}\``).join(', ');
      const permissions = Object.entries(token)
        .filter(([key]) => key.startsWith('permission-'))
        .map(([key, access]) => `${PERMISSION_TITLES[key.slice('permission-'.length)] ?? key}: ${access}`)
        .join(', ');
      const environment = job.environment ? ` (environment \`${job.environment}\`)` : '';
      rows.push(`| \`${file}\` | ${on.join(', ')} | \`${id}\`${environment} | ${actions.join(', ')} | ${repositories} | ${permissions} |`);
    }
  }
  return [
    '| template | on | job | runs | token repositories | token permissions |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The policy steps as the README's tables name them, with the Policy property of each number. */
const POLICY_STEPS = [
  ['acknowledge', 'acknowledge', 'acknowledgeWithin'],
  ['triage', 'triage', 'triageWithin'],
  ['fix-team', 'fix team', 'fixTeamWithin'],
  ['advisory-cve', 'advisory and CVE', 'advisoryAndCveWithin'],
  ['fix-release', 'fix release', 'fixReleaseWithin'],
  ['disclose', 'disclose', 'discloseWithin'],
  ['retrospective', 'retrospective', 'retrospectiveWithin'],
];

/** `48 h`, `7 d`: a duration as the tables show it; `none` for a deadline the preset does not have. */
function durationCell(duration, step) {
  if (!duration) return 'none';
  const text = formatDuration(duration).replace(/ hours?$/, ' h').replace(/ days?$/, ' d');
  return step === 'retrospective' ? `${text} after release` : text;
}

/**
 * The README's policy tables, from the presets (src/domain/policy/presets.ts): each number with its enforcement,
 * then, per preset, where every number comes from (the document's words, or a project default and why).
 */
function policyTables() {
  const presets = Object.entries(PRESETS);
  const summary = [
    `| preset | ${POLICY_STEPS.map(([, title]) => title).join(' | ')} | expedite |`,
    `|---|${POLICY_STEPS.map(() => '---|').join('')}---|`,
    ...presets.map(([name, policy]) => {
      const cells = POLICY_STEPS.map(([step, , property]) => {
        const enforcement = policy.enforcement[step];
        const number = durationCell(policy[property], step);
        const mark = policy.provenance[step].source === 'project-default' && policy[property] ? '¹' : '';
        return enforcement === 'escalate' || number === 'none' ? `${number}${mark}` : `${number}${mark} (${enforcement})`;
      });
      return `| \`${name}\` | ${cells.join(' | ')} | ${durationCell(policy.expediteWithin)}¹ |`;
    }),
  ];
  const sources = presets.flatMap(([name, policy]) => [
    '',
    `**\`${name}\`**`,
    '',
    '| step | number | enforcement | source |',
    '|---|---|---|---|',
    ...POLICY_STEPS.map(
      ([step, title, property]) =>
        `| ${title} | ${durationCell(policy[property], step)} | ${policy.enforcement[step]} | ${cell(provenanceCell(policy.provenance[step]))} |`,
    ),
    `| expedite | ${durationCell(policy.expediteWithin)} | | ${cell(provenanceCell(policy.provenance.expedite))} |`,
    `| release window | ${policy.releaseWindow.time} UTC, ${policy.releaseWindow.durationMinutes} min | | ${cell(provenanceCell(policy.provenance['release-window']))} |`,
    `| low severity | CVSS < ${policy.lowSeveritySlowDown.cvssBelow}, ${policy.lowSeveritySlowDown.automatic ? `stretched ${policy.lowSeveritySlowDown.factor}x` : 'extended by decision'} | | ${cell(provenanceCell(policy.provenance['low-severity']))} |`,
  ]);
  return [
    ...summary,
    '',
    '¹ A project default: the process document gives no number (see the sources below). `(remind)`: a missed deadline',
    'is a reminder, never a breach; `(off)`: not tracked; otherwise a breach, escalated once. `none`: no deadline.',
    '',
    '<details><summary>Where each number comes from</summary>',
    ...sources,
    '',
    '</details>',
  ].join('\n');
}

function rootReadme(names) {
  const path = 'README.md';
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  const withPolicies = replaceGenerated(text, 'policies', policyTables());
  const withTemplates = replaceGenerated(withPolicies, 'templates', templatesTable());
  const withApp = replaceGenerated(withTemplates, 'app-permissions', appPermissionsTable(names));
  const table = [
    '| action | when | permission | on | for |',
    '|---|---|---|---|---|',
    ...names.flatMap((name) => permissionRows(name, true)),
  ].join('\n');
  emit(path, replaceGenerated(withApp, 'permissions', table));
}

function yamlString(text) {
  return `'${String(text).replace(/'/g, "''")}'`;
}

/** The Marketplace shows this; it refuses a description of 125 characters or more. */
const ROOT_DESCRIPTION =
  'SPEC 11 vulnerability disclosure: acknowledge reports, SLA sweeps, triage, private forks, release window, announcement.';

/**
 * An input several commands take, described for each of them: one description when they share it, else each
 * command's own, with each command's default (the root action.yml declares none: the chosen command applies its own).
 */
function sharedDescription(users) {
  const groups = new Map();
  for (const user of users) {
    const text = cell(user.description);
    groups.set(text, [...(groups.get(text) ?? []), user]);
  }
  const who = (members) =>
    members.map((user) => (user.default === undefined || user.default === '' ? user.name : `${user.name}, default \`${cell(user.default)}\``)).join('; ');
  if (groups.size === 1) {
    const [[text, members]] = groups;
    return `(${who(members)}) ${text}`;
  }
  return [...groups].map(([text, members]) => `For ${who(members)}: ${text}`).join(' ');
}

function rootAction(actions) {
  const inputs = new Map();
  const outputs = new Map();
  for (const [name, action] of actions) {
    for (const [input, spec] of Object.entries(action.inputs ?? {})) {
      const entry = inputs.get(input) ?? { users: [] };
      entry.users.push({ name, description: spec.description, default: spec.default });
      inputs.set(input, entry);
    }
    for (const [output, spec] of Object.entries(action.outputs ?? {})) {
      const entry = outputs.get(output) ?? { users: [] };
      entry.users.push({ name, description: spec.description });
      outputs.set(output, entry);
    }
  }
  const lines = [
    '# Generated by `npm run docs` from actions/*/action.yml: edit those, not this file.',
    "name: 'disclosure-actions'",
    `description: ${yamlString(ROOT_DESCRIPTION)}`,
    "author: 'disclosure-actions'",
    'branding:',
    "  icon: 'shield'",
    "  color: 'blue'",
    'inputs:',
    '  command:',
    `    description: ${yamlString(`Which action to run: ${ACTIONS.join(', ')}. Each one's inputs are documented in actions/<command>/README.md; an input the chosen command does not take is reported in a warning annotation naming it, not silently ignored.`)}`,
    '    required: true',
  ];
  for (const [name, entry] of [...inputs].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${name}:`, `    description: ${yamlString(sharedDescription(entry.users))}`, '    required: false');
  }
  lines.push('outputs:');
  for (const [name, entry] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${name}:`, `    description: ${yamlString(sharedDescription(entry.users))}`);
  }
  lines.push('runs:', "  using: 'node24'", "  main: 'dist/main/index.js'", '');
  emit('action.yml', lines.join('\n'));
}

/** src/actions/metadata.generated.ts: the action names and each action's declared inputs, for the code. */
async function metadataModule(actions) {
  const inputs = Object.fromEntries(
    actions.map(([name, action]) => [
      name,
      Object.fromEntries(
        Object.entries(action.inputs ?? {}).map(([input, spec]) => [
          input,
          spec.default === undefined ? { required: Boolean(spec.required) } : { required: Boolean(spec.required), default: String(spec.default) },
        ]),
      ),
    ]),
  );
  const source = [
    '// Generated by `npm run docs` from actions/*/action.yml: edit those, not this file.',
    "import type { InputSpec } from './common/input-spec.js';",
    '',
    '/** The actions this repository ships, one per actions/<name>/action.yml. */',
    `export const ACTION_NAMES = ${JSON.stringify(actions.map(([name]) => name))} as const;`,
    '',
    'export type ActionName = (typeof ACTION_NAMES)[number];',
    '',
    "/** Each action's inputs as its action.yml declares them: the one place a default is written. */",
    `export const ACTION_INPUTS: Readonly<Record<ActionName, Readonly<Record<string, InputSpec>>>> = ${JSON.stringify(inputs)};`,
    '',
  ].join('\n');
  const options = (await prettier.resolveConfig('src/actions/metadata.generated.ts')) ?? {};
  emit('src/actions/metadata.generated.ts', await prettier.format(source, { ...options, parser: 'typescript' }));
}

/**
 * The block of an action.yml between `# generated:shared-inputs NAME…` and `# /generated:shared-inputs`: each named
 * input written from its one definition (src/actions/shared-inputs.ts); `NAME?` takes it as optional.
 */
function sharedInputsBlock(names) {
  return names.flatMap((entry) => {
    const optional = entry.endsWith('?');
    const name = optional ? entry.slice(0, -1) : entry;
    const spec = SHARED_INPUTS[name];
    if (!spec) throw new Error(`unknown shared input "${name}": src/actions/shared-inputs.ts defines ${Object.keys(SHARED_INPUTS).join(', ')}`);
    const description = optional ? (spec.optionalDescription ?? spec.description) : spec.description;
    return [
      `  ${name}:`,
      `    description: ${yamlString(description)}`,
      `    required: ${optional ? false : spec.required}`,
      ...(spec.default === undefined ? [] : [`    default: ${yamlString(spec.default)}`]),
    ];
  });
}

/** An action.yml as `npm run docs` writes it: its shared-inputs block filled in. */
function generatedText(name) {
  const text = readFileSync(`actions/${name}/action.yml`, 'utf8');
  const start = /^ {2}# generated:shared-inputs ([^\n]*)\n/m.exec(text);
  const end = text.indexOf('  # /generated:shared-inputs\n');
  if (!start || end === -1) return text;
  const block = sharedInputsBlock(start[1].trim().split(/\s+/)).join('\n');
  return `${text.slice(0, start.index + start[0].length)}${block}\n${text.slice(end)}`;
}

for (const name of ACTIONS) emit(`actions/${name}/action.yml`, generatedText(name));

const actions = ACTIONS.filter((name) => existsSync(`actions/${name}/action.yml`)).map((name) => [
  name,
  parse(generatedText(name)),
]);
for (const [name, action] of actions) actionReadme(name, action);
rootReadme(actions.map(([name]) => name));
rootAction(actions);
envExample(actions);
await metadataModule(actions);
await policySchema();
// src/templates/precompiled.generated.ts: the built-in templates precompiled (scripts/precompile-templates.mjs).
emit(PRECOMPILED_FILE, await precompiledModule());

/**
 * .env.example: the environment of a local run with @github/local-action: the runner's variables pointed at the
 * emulator, and every input of every action (`INPUT_<NAME>`, commented out, with its default).
 */
function envExample(actions) {
  // The version of @github/local-action named here and in the README (run with npx: it is no dependency).
  const LOCAL_ACTION = '@github/local-action@7.0.1';
  // Inputs most actions share, set to what suits the emulator's demo world (`npm run emulator`).
  const LOCAL_RUN_INPUTS = {
    token: 'token-admin',
    tracker: 'sample-org/security-tracker',
    repositories: 'sample-org/sample-project',
  };
  const inputVariable = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const lines = [
    '# Generated by `npm run docs` from actions/*/action.yml: edit those (or scripts/docs.mjs), not this file.',
    `# The environment of a local run with ${LOCAL_ACTION.replace(/@[^@]*$/, '')} (README, "Local runs"): copy it to .env, start`,
    '# the emulator (`npm run emulator`), uncomment the inputs you want, and run one action from the repository root:',
    `#   npx ${LOCAL_ACTION} run actions/ack-report ../../src/actions/ack-report/entry.ts .env`,
    '',
    '# The runner, pointed at the emulator (`npm run emulator` listens on port 4010).',
    'GITHUB_API_URL=http://127.0.0.1:4010',
    'GITHUB_SERVER_URL=https://github.com',
    'GITHUB_REPOSITORY=sample-org/security-tracker',
    'GITHUB_EVENT_NAME=workflow_dispatch',
    '# GITHUB_EVENT_PATH=event.json   # the event payload, for the issues and issue_comment events',
    'GITHUB_WORKSPACE=.',
    '# Any folder that exists, and a file there for the job summary.',
    'RUNNER_TEMP=/tmp',
    'GITHUB_STEP_SUMMARY=/tmp/disclosure-actions-summary.md',
    '# No write spacing and short retries against the emulator; the clock the demo world starts at.',
    'DISCLOSURE_API_PACING=none',
    'DISCLOSURE_NOW=2026-11-02T12:00:00Z',
    '# ACTIONS_STEP_DEBUG=true',
    '',
    '# Inputs most actions share.',
    ...Object.entries(LOCAL_RUN_INPUTS).map(([name, value]) => `${inputVariable(name)}=${value}`),
  ];
  for (const [name, action] of actions) {
    lines.push('', `# ${name}: npx ${LOCAL_ACTION} run actions/${name} ../../src/actions/${name}/entry.ts .env`);
    for (const [input, spec] of Object.entries(action.inputs ?? {})) {
      if (input in LOCAL_RUN_INPUTS) continue;
      const value = spec.default === undefined ? '' : cell(spec.default);
      lines.push(`# ${inputVariable(input)}=${value}${spec.required ? '   # required' : ''}`);
    }
  }
  emit('.env.example', `${lines.join('\n')}\n`);
}

/**
 * schemas/disclosure-policy.schema.json: the JSON Schema of the policy file, generated from the table the parser
 * reads (src/domain/policy/fields.ts), for editors (the README's example names it).
 */
async function policySchema() {
  const { policyJsonSchema } = await tsImport('../src/domain/policy/schema.ts', import.meta.url);
  if (!check) mkdirSync('schemas', { recursive: true });
  emit('schemas/disclosure-policy.schema.json', `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
}

if (stale.length > 0) {
  console.error(`Generated docs are stale; run \`npm run docs\` and commit:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(check ? 'generated docs are up to date' : `generated docs for ${actions.length} action(s) and action.yml`);
