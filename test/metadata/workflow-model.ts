/**
 * What the workflow tests read from a workflow: its jobs, their `if:` and concurrency groups evaluated with GitHub's
 * own expression engine (@actions/expressions, the one @actions/workflow-parser uses) for sample events, the steps
 * of our actions and the App token each one is given, and what that token must be according to
 * src/actions/permissions.ts.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { TokenType } from '@actions/expressions/lexer';
import { truthy as isTruthy } from '@actions/expressions/result';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  ACTION_PERMISSIONS,
  TOKEN_REACHES,
  type Access,
  type AppPermission,
  type Condition,
} from '../../src/actions/permissions.js';
import { ACTION_NAMES, type ActionName } from '../../src/actions/metadata.generated.js';
import { ROOT, loadActionFile } from './load.js';

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly run?: string;
  readonly env?: Record<string, unknown>;
  readonly if?: string;
}
export type Concurrency = string | { readonly group: string; readonly 'cancel-in-progress'?: unknown };
export interface Job {
  readonly if?: string | boolean;
  readonly needs?: string | string[];
  readonly steps?: Step[];
  readonly permissions?: unknown;
  readonly concurrency?: Concurrency;
  readonly environment?: unknown;
  readonly outputs?: Record<string, string>;
  readonly env?: Record<string, unknown>;
}
export interface Workflow {
  readonly name?: string;
  readonly on: unknown;
  readonly env?: Record<string, unknown>;
  readonly permissions?: unknown;
  readonly concurrency?: Concurrency;
  readonly jobs: Record<string, Job>;
}

/** A workflow as a file holds it: a template, a workflow, or an example in a README. */
export interface WorkflowSource {
  readonly name: string;
  readonly text: string;
  readonly workflow: Workflow;
}

export const TEMPLATE_DIR = `${ROOT}.github/workflow-templates`;
export const WORKFLOW_DIR = `${ROOT}.github/workflows`;

export function readWorkflowSource(name: string, text: string): WorkflowSource {
  return { name, text, workflow: parseYaml(text) as Workflow };
}

export function templateSources(): WorkflowSource[] {
  return readdirSync(TEMPLATE_DIR)
    .filter((file) => file.endsWith('.yml'))
    .sort()
    .map((file) => readWorkflowSource(file, readFileSync(`${TEMPLATE_DIR}/${file}`, 'utf8')));
}

/** Errors of GitHub's workflow schema (@actions/workflow-parser). */
export function schemaErrors(source: Pick<WorkflowSource, 'name' | 'text'>): string[] {
  const result = parseWorkflow({ name: source.name, content: source.text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

/** Where the tracker workflows run in every test: the names the templates' EDIT lines carry. */
export const TRACKER = { owner: 'my-org', name: 'security-tracker' } as const;

// ---------------------------------------------------------------------------------------------------------------
// Expressions

const CONTEXTS = [
  'github',
  'env',
  'inputs',
  'needs',
  'vars',
  'secrets',
  'steps',
  'job',
  'runner',
  'matrix',
  'strategy',
];
const STATUS_FUNCTIONS = ['always', 'cancelled', 'success', 'failure'].map((name) => ({
  name,
  minArgs: 0,
  maxArgs: 0,
}));

/** How a job's needs ended, for the status functions (`success()` is false when a needed job was skipped). */
export type NeedsResults = Readonly<Record<string, 'success' | 'skipped'>>;

function statusFunctions(
  needs: NeedsResults,
): Map<string, (typeof STATUS_FUNCTIONS)[number] & { call: () => data.ExpressionData }> {
  const allSucceeded = Object.values(needs).every((result) => result === 'success');
  const values: Record<string, boolean> = { always: true, cancelled: false, success: allSucceeded, failure: false };
  return new Map(
    STATUS_FUNCTIONS.map((info) => [
      info.name,
      { ...info, call: () => new data.BooleanData(values[info.name] ?? false) },
    ]),
  );
}

function toData(value: unknown): data.Dictionary {
  return JSON.parse(JSON.stringify(value ?? {}), data.reviver) as data.Dictionary;
}

/** Evaluates one expression (without `${{ }}`) against a plain-object context. */
export function evaluate(expression: string, context: object, needs: NeedsResults = {}): data.ExpressionData {
  const lexed = new Lexer(expression).lex();
  const parsed = new Parser(lexed.tokens, CONTEXTS, STATUS_FUNCTIONS).parse();
  return new Evaluator(parsed, toData(context), statusFunctions(needs)).evaluate();
}

export function truthy(value: data.ExpressionData): boolean {
  return isTruthy(value);
}

const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g;

/** A string with its `${{ }}` parts replaced by their values, as the runner does for `with:` and group names. */
export function interpolate(text: string, context: object, needs: NeedsResults = {}): string {
  return text.replace(TEMPLATE, (_, expression: string) => evaluate(expression, context, needs).coerceString());
}

/** A job's `if:` (a bare expression, or one wrapped in `${{ }}`); no `if:` is `success()`. */
export function jobCondition(job: Job, context: object, needs: NeedsResults): boolean {
  if (job.if === undefined) return Object.values(needs).every((result) => result === 'success');
  if (typeof job.if === 'boolean') return job.if;
  const text = job.if.trim();
  const bare = /^\$\{\{([\s\S]*)\}\}$/.exec(text)?.[1] ?? text;
  return truthy(evaluate(bare, context, needs));
}

/**
 * Whether an expression depends only on what is known before any run: `env.*`, `github.repository` and
 * `github.repository_owner`. Anything else (inputs, needs, secrets, vars, steps, the event) is known only at run time.
 */
function isStatic(expression: string): boolean {
  const tokens = new Lexer(expression).lex().tokens;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token?.type !== TokenType.IDENTIFIER) continue;
    const previous = tokens[index - 1];
    const next = tokens[index + 1];
    if (previous?.type === TokenType.DOT || next?.type === TokenType.LEFT_PAREN) continue;
    const property = next?.type === TokenType.DOT ? tokens[index + 2]?.lexeme : undefined;
    const further = tokens[index + 3]?.type === TokenType.DOT;
    if (token.lexeme === 'env') continue;
    if (token.lexeme === 'github' && (property === 'repository' || property === 'repository_owner') && !further)
      continue;
    return false;
  }
  return true;
}

export function staticContext(workflow: Workflow, job?: Job): object {
  const github = { repository: `${TRACKER.owner}/${TRACKER.name}`, repository_owner: TRACKER.owner };
  const env: Record<string, string> = {};
  for (const scope of [workflow.env, job?.env]) {
    for (const [key, value] of Object.entries(scope ?? {})) env[key] = interpolate(String(value), { github, env });
  }
  return { github, env };
}

/** A `with:` value as it is before any run: its text, or undefined when it depends on the run (an input, the event). */
export function staticValue(value: unknown, context: object): string | undefined {
  if (value === undefined || value === null) return '';
  const text = String(value);
  for (const [, expression] of text.matchAll(TEMPLATE)) if (!isStatic(expression ?? '')) return undefined;
  return interpolate(text, context).trim();
}

/** A comma or line separated list. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// ---------------------------------------------------------------------------------------------------------------
// Events

export interface SampleEvent {
  /** What happened, for messages. */
  readonly label: string;
  readonly name: string;
  /** `action` of the payload (issues, issue_comment) or the type of a repository_dispatch. */
  readonly action?: string;
  readonly payload: Record<string, unknown>;
  readonly inputs?: Record<string, unknown>;
  /**
   * What the event asks for. Two runs asking for the same thing may replace one another (the survivor does it);
   * `sweep` is a scheduled sweep, which any later sweep covers. Undefined: the event asks for nothing.
   */
  readonly request?: string;
}

const user = (login: string): Record<string, unknown> => ({ login, type: 'User' });
const app = { login: 'disclosure-app[bot]', type: 'Bot' };
const trackerLabels = [{ name: 'disclosure-tracker' }];

function comment(
  id: number,
  issue: number,
  body: string,
  author: Record<string, unknown>,
  extra = {},
): SampleEvent['payload'] {
  return {
    action: 'created',
    issue: { number: issue, labels: trackerLabels, ...extra },
    comment: { id, body, user: author },
    sender: author,
  };
}

function issue(number: number, action: string, labels: string[], sender: Record<string, unknown>, label?: string) {
  return {
    action,
    issue: { number, labels: labels.map((name) => ({ name })) },
    ...(label ? { label: { name: label } } : {}),
    sender,
  };
}

const DISPATCH_INPUTS = {
  'ghsa-id': 'GHSA-f8m6-h2c7-8h9x',
  'ghsa-ids': 'GHSA-f8m6-h2c7-8h9x',
  repository: 'my-org/my-project',
  'create-fork': true,
  'request-cve': false,
  version: '1.4.2',
  'force-reason': '',
};

/**
 * The events of a busy day in the tracker, in order: commands on the same issue, the App's replies (which start
 * workflows too), comments that are not commands, schedules, runs by hand, an App's relays, issues filed by hand.
 */
export const SAMPLE_EVENTS: readonly SampleEvent[] = [
  {
    label: '/triage on #7',
    name: 'issue_comment',
    action: 'created',
    payload: comment(1001, 7, '/triage cvss=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H accept', user('alice')),
    request: 'comment 1001',
  },
  {
    label: '/fork on #7',
    name: 'issue_comment',
    action: 'created',
    payload: comment(1002, 7, '/fork', user('bob')),
    request: 'comment 1002',
  },
  {
    label: "the App's reply on #7",
    name: 'issue_comment',
    action: 'created',
    payload: comment(1003, 7, '**Triage of GHSA-f8m6-h2c7-8h9x** (requested by `alice`)', app),
  },
  {
    label: "the App's reply quoting a command on #7",
    name: 'issue_comment',
    action: 'created',
    payload: comment(1004, 7, '/fork not run: the fork is being created', app),
  },
  {
    label: '/release approve on #7',
    name: 'issue_comment',
    action: 'created',
    payload: comment(1005, 7, '/release approve', user('carol')),
    request: 'comment 1005',
  },
  {
    label: '/triage on #8',
    name: 'issue_comment',
    action: 'created',
    payload: comment(1006, 8, '/triage tlp=amber', user('alice')),
    request: 'comment 1006',
  },
  {
    label: 'a comment that is no command on #8',
    name: 'issue_comment',
    action: 'created',
    payload: comment(1007, 8, 'Reproduced on 1.4.1.', user('dave')),
  },
  {
    label: '/triage on a pull request',
    name: 'issue_comment',
    action: 'created',
    payload: comment(1008, 12, '/triage accept', user('eve'), { pull_request: { url: 'https://api.github.com/x' } }),
  },
  { label: 'the hourly schedule', name: 'schedule', payload: { schedule: '17 * * * *' }, request: 'sweep' },
  {
    label: 'a run by hand',
    name: 'workflow_dispatch',
    payload: { inputs: DISPATCH_INPUTS },
    inputs: DISPATCH_INPUTS,
    request: 'dispatch 1',
  },
  {
    label: 'another run by hand',
    name: 'workflow_dispatch',
    payload: { inputs: DISPATCH_INPUTS },
    inputs: DISPATCH_INPUTS,
    request: 'dispatch 2',
  },
  {
    label: "an App's relay",
    name: 'repository_dispatch',
    action: 'repository-advisory-reported',
    payload: {
      action: 'repository-advisory-reported',
      client_payload: { ghsa_id: 'GHSA-f8m6-h2c7-8h9x', repository: 'my-org/my-project' },
      sender: app,
    },
    request: 'relay 1',
  },
  {
    label: "another App's relay",
    name: 'repository_dispatch',
    action: 'repository-advisory-reported',
    payload: {
      action: 'repository-advisory-reported',
      client_payload: { ghsa_id: 'GHSA-2c8m-8f6h-x9h7', repository: 'my-org/my-project' },
      sender: app,
    },
    request: 'relay 2',
  },
  {
    label: 'issue #9 filed with the intake label',
    name: 'issues',
    action: 'opened',
    payload: issue(9, 'opened', ['security-report'], user('frank')),
    request: 'issue 9',
  },
  {
    label: 'its `labeled` event',
    name: 'issues',
    action: 'labeled',
    payload: issue(9, 'labeled', ['security-report'], user('frank'), 'security-report'),
    request: 'issue 9',
  },
  {
    label: "the App's own label on #9",
    name: 'issues',
    action: 'labeled',
    payload: issue(9, 'labeled', ['security-report', 'disclosure-tracker'], app, 'disclosure-tracker'),
  },
  {
    label: 'issue #10 filed with the intake label',
    name: 'issues',
    action: 'opened',
    payload: issue(10, 'opened', ['security-report'], user('grace')),
    request: 'issue 10',
  },
  { label: 'issue #11 without it', name: 'issues', action: 'opened', payload: issue(11, 'opened', [], user('heidi')) },
  { label: 'the next hourly schedule', name: 'schedule', payload: { schedule: '17 * * * *' }, request: 'sweep' },
];

function triggerMap(on: unknown): Record<string, unknown> {
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((name: string) => [name, null]));
  return (on ?? {}) as Record<string, unknown>;
}

/** Whether the workflow's `on:` starts a run for the event (its `types:` included). */
export function triggers(workflow: Workflow, event: SampleEvent): boolean {
  const on = triggerMap(workflow.on);
  if (!(event.name in on)) return false;
  const types = (on[event.name] as { types?: string[] } | null)?.types;
  return !types || event.action === undefined || types.includes(event.action);
}

/** Whether the workflow's runs by hand take inputs: one that takes none is a sweep, the same as the next one. */
export function dispatchTakesInputs(workflow: Workflow): boolean {
  const dispatch = triggerMap(workflow.on).workflow_dispatch as { inputs?: object } | null | undefined;
  return Boolean(dispatch?.inputs && Object.keys(dispatch.inputs).length > 0);
}

/** What a run of this workflow for this event asks for. */
export function requestOf(workflow: Workflow, event: SampleEvent): string | undefined {
  if (event.name === 'workflow_dispatch' && !dispatchTakesInputs(workflow)) return 'sweep';
  return event.request;
}

/** The contexts of a run: the event, the workflow's inputs with their defaults, the env. */
export function runContext(workflow: Workflow, event: SampleEvent, runId: number): object {
  const base = staticContext(workflow) as { github: object; env: object };
  const declared = (
    triggerMap(workflow.on).workflow_dispatch as { inputs?: Record<string, { default?: unknown }> } | null
  )?.inputs;
  const inputs =
    event.name === 'workflow_dispatch'
      ? Object.fromEntries(
          Object.entries(declared ?? {}).map(([key, spec]) => [key, event.inputs?.[key] ?? spec.default ?? '']),
        )
      : {};
  return {
    ...base,
    github: {
      ...base.github,
      event_name: event.name,
      event: event.payload,
      run_id: String(runId),
      workflow: workflow.name,
    },
    inputs,
  };
}

export function jobNeeds(job: Job): string[] {
  if (job.needs === undefined) return [];
  return Array.isArray(job.needs) ? job.needs : [job.needs];
}

/** The jobs in an order where each comes after the jobs it needs. */
export function jobOrder(workflow: Workflow): string[] {
  const ordered: string[] = [];
  const visit = (id: string): void => {
    if (ordered.includes(id)) return;
    for (const need of jobNeeds(workflow.jobs[id] ?? { steps: [] })) visit(need);
    ordered.push(id);
  };
  for (const id of Object.keys(workflow.jobs)) visit(id);
  return ordered;
}

/** Which jobs of a run for this event start (`success`) or are skipped, needed jobs assumed to succeed when they run. */
export function jobResults(workflow: Workflow, context: object): Record<string, 'success' | 'skipped'> {
  const results: Record<string, 'success' | 'skipped'> = {};
  for (const id of jobOrder(workflow)) {
    const job = workflow.jobs[id];
    if (!job) continue;
    const needs = Object.fromEntries(jobNeeds(job).map((need) => [need, results[need] ?? 'skipped']));
    const needsContext = Object.fromEntries(
      Object.entries(needs).map(([need, result]) => [need, { result, outputs: {} }]),
    );
    results[id] = jobCondition(job, { ...context, needs: needsContext }, needs) ? 'success' : 'skipped';
  }
  return results;
}

/** The events (names) a job runs on, among the sample events. */
export function jobEvents(workflow: Workflow, jobId: string): Set<string> {
  const events = new Set<string>();
  SAMPLE_EVENTS.forEach((event, index) => {
    if (!triggers(workflow, event)) return;
    if (jobResults(workflow, runContext(workflow, event, index + 1))[jobId] === 'success') events.add(event.name);
  });
  return events;
}

export function concurrencyGroup(concurrency: Concurrency | undefined): string | undefined {
  if (concurrency === undefined) return undefined;
  return typeof concurrency === 'string' ? concurrency : concurrency.group;
}

// ---------------------------------------------------------------------------------------------------------------
// Our actions and their tokens

const OUR_ACTION = /^[\w-]+\/disclosure-actions(?:\/actions\/([\w-]+))?@/;
const TOKEN_ACTION = /^actions\/create-github-app-token@/;

/** The action a step runs, when it is one of ours: `…/actions/<name>@ref`, or the root action with `command`. */
export function ourAction(step: Step): ActionName | undefined {
  const match = OUR_ACTION.exec(step.uses ?? '');
  if (!match) return undefined;
  const name = match[1] ?? String(step.with?.command ?? '');
  if (!(ACTION_NAMES as readonly string[]).includes(name)) throw new Error(`${step.uses}: no action "${name}"`);
  return name as ActionName;
}

export function isTokenStep(step: Step): boolean {
  return TOKEN_ACTION.test(step.uses ?? '');
}

const defaultsCache = new Map<ActionName, Record<string, string>>();

function actionDefaults(name: ActionName): Record<string, string> {
  let defaults = defaultsCache.get(name);
  if (!defaults) {
    const inputs = (loadActionFile(`${ROOT}actions/${name}/action.yml`).raw.inputs ?? {}) as Record<
      string,
      { default?: unknown }
    >;
    defaults = Object.fromEntries(
      Object.entries(inputs).map(([input, spec]) => [input, spec.default === undefined ? '' : String(spec.default)]),
    );
    defaultsCache.set(name, defaults);
  }
  return defaults;
}

type Verdict = 'yes' | 'no' | 'maybe';

function inputValue(step: Step, action: ActionName, input: string, context: object): string | undefined {
  const given = step.with?.[input];
  if (given === undefined || String(given).trim() === '') return actionDefaults(action)[input] ?? '';
  return staticValue(given, context);
}

/** Whether a mode of the table applies to a step: yes, no, or maybe (a value known only at run time). */
export function applies(
  condition: Condition,
  step: Step,
  action: ActionName,
  context: object,
  events: Set<string>,
): Verdict {
  if ('always' in condition) return 'yes';
  if ('event' in condition) return events.has(condition.event) ? 'yes' : 'no';
  if ('all' in condition) {
    const verdicts = condition.all.map((part) => applies(part, step, action, context, events));
    return verdicts.includes('no') ? 'no' : verdicts.includes('maybe') ? 'maybe' : 'yes';
  }
  if ('any' in condition) {
    const verdicts = condition.any.map((part) => applies(part, step, action, context, events));
    return verdicts.includes('yes') ? 'yes' : verdicts.includes('maybe') ? 'maybe' : 'no';
  }
  const value = inputValue(step, action, condition.input, context);
  if (value === undefined) return 'maybe';
  const lower = value.toLowerCase();
  if ('is' in condition) return lower === condition.is.toLowerCase() ? 'yes' : 'no';
  if ('not' in condition) return lower !== condition.not.toLowerCase() ? 'yes' : 'no';
  if ('contains' in condition) return lower.includes(condition.contains.toLowerCase()) ? 'yes' : 'no';
  return value !== '' ? 'yes' : 'no';
}

export type Permissions = Partial<Record<AppPermission, Access>>;

function widen(permissions: Permissions, permission: AppPermission, access: Access): void {
  if (permissions[permission] !== 'write') permissions[permission] = access;
}

/** What one App token step grants: its repositories (undefined: the whole installation) and `permission-*` inputs. */
export interface TokenGrant {
  readonly stepId: string;
  readonly owner: string | undefined;
  readonly repositories: string[] | undefined;
  readonly permissions: Permissions;
  /** `permission-*` inputs that are not a plain `read`/`write`, or name no permission of the table. */
  readonly unknown: string[];
}

const PERMISSION_NAMES = new Set<string>([
  'repository-advisories',
  'issues',
  'contents',
  'administration',
  'discussions',
  'members',
  'metadata',
]);

export function tokenGrant(step: Step, context: object): TokenGrant {
  const given = step.with ?? {};
  const permissions: Permissions = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(given)) {
    if (!key.startsWith('permission-')) continue;
    const name = key.slice('permission-'.length);
    const access = String(value);
    if (!PERMISSION_NAMES.has(name) || (access !== 'read' && access !== 'write')) unknown.push(`${key}: ${access}`);
    else if (name !== 'metadata') permissions[name as AppPermission] = access;
  }
  if (given.permissions !== undefined) unknown.push(`permissions: ${String(given.permissions)}`);
  const repositories = given.repositories === undefined ? undefined : staticValue(given.repositories, context);
  return {
    stepId: step.id ?? '(no id)',
    owner: given.owner === undefined ? undefined : staticValue(given.owner, context),
    repositories:
      repositories === undefined
        ? given.repositories === undefined
          ? undefined
          : ['(known only at run time)']
        : splitList(repositories),
    permissions,
    unknown,
  };
}

/** What the actions using one token need from it, by the table of src/actions/permissions.ts. */
export interface TokenNeed {
  readonly permissions: Permissions;
  /** `installation`: a step sweeps a whole organization; else the repository names the token must list. */
  readonly repositories: 'installation' | { readonly required: Set<string>; readonly optional: Set<string> };
  readonly problems: string[];
}

/** The project repositories a workflow declares for its tracker (`env.DISCLOSURE_PROJECTS`, owner/name). */
export const PROJECTS_VARIABLE = 'DISCLOSURE_PROJECTS';

export function needOf(workflow: Workflow, jobId: string, steps: readonly Step[]): TokenNeed {
  const job = workflow.jobs[jobId] ?? {};
  const context = staticContext(workflow, job);
  const events = jobEvents(workflow, jobId);
  const permissions: Permissions = {};
  const required = new Set<string>();
  const optional = new Set<string>();
  const problems: string[] = [];
  let installation = false;
  const declaredText = (context as { env: Record<string, string> }).env[PROJECTS_VARIABLE];
  const declared = declaredText === undefined ? undefined : splitList(declaredText);
  const projectName = (full: string): string | undefined => {
    const [owner, name] = full.split('/');
    if (owner !== TRACKER.owner || !name) {
      problems.push(`${full}: a project repository of another owner than the tracker's (${TRACKER.owner})`);
      return undefined;
    }
    return name;
  };
  for (const name of declared ?? []) {
    const project = projectName(name);
    if (project) required.add(project);
  }
  for (const step of steps) {
    const action = ourAction(step);
    if (!action) continue;
    const table = ACTION_PERMISSIONS[action];
    for (const mode of table.modes) {
      if (applies(mode.when, step, action, context, events) === 'no') continue;
      for (const grant of mode.grants)
        if (TOKEN_REACHES.includes(grant.on)) widen(permissions, grant.permission, grant.access);
    }
    for (const extra of table.optionalRepositories ?? []) {
      if (applies(extra.when, step, action, context, events) !== 'no') optional.add(extra.name);
    }
    if (table.organizationInput && inputValue(step, action, table.organizationInput, context) !== '')
      installation = true;
    // Every workflow that holds the App's key runs in the private tracker, and says so to each action.
    const tracker = inputValue(step, action, 'tracker', context);
    if (tracker === `${TRACKER.owner}/${TRACKER.name}`) required.add(TRACKER.name);
    else
      problems.push(
        `${action}: tracker is "${tracker ?? '(known only at run time)'}", not \${{ github.repository }}: the workflow must run in the tracker`,
      );
    if (action === 'publish-announcement' && inputValue(step, action, 'repository', context) === '') {
      problems.push(
        `${action}: no repository, so it would release the advisories of the workflow's own repository, the tracker`,
      );
    }
    for (const input of ['repository', 'repositories']) {
      if (!(input in actionDefaults(action))) continue;
      const value = inputValue(step, action, input, context);
      if (value === undefined || events.has('issue_comment') || events.has('repository_dispatch')) {
        if (!declared)
          problems.push(
            `${action}: reaches repositories known only at run time; declare them in env.${PROJECTS_VARIABLE}`,
          );
        continue;
      }
      for (const full of splitList(value)) {
        if (declared && !declared.includes(full))
          problems.push(`${action}: ${input} ${full} is not in env.${PROJECTS_VARIABLE}`);
        const project = projectName(full);
        if (project) required.add(project);
      }
    }
  }
  return {
    permissions,
    repositories: installation ? 'installation' : { required, optional },
    problems: [...new Set(problems)],
  };
}

/** Every job that runs one of our actions, with the token step each of those steps uses. */
export interface TokenUse {
  readonly jobId: string;
  readonly tokenStep: Step | undefined;
  readonly steps: Step[];
  readonly problems: string[];
}

export function tokenUses(workflow: Workflow): TokenUse[] {
  const uses: TokenUse[] = [];
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    const steps = job.steps ?? [];
    const byToken = new Map<string, Step[]>();
    const problems: string[] = [];
    steps.forEach((step, index) => {
      const action = ourAction(step);
      if (!action) return;
      const token = String(step.with?.token ?? '');
      const match = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.token\s*\}\}$/.exec(token);
      if (!match?.[1]) {
        if (token !== '' || action !== 'release-gate')
          problems.push(`${jobId}/${action}: token is "${token}", not a create-github-app-token step's output`);
        return;
      }
      const tokenIndex = steps.findIndex((candidate) => candidate.id === match[1]);
      if (tokenIndex === -1 || !isTokenStep(steps[tokenIndex] as Step) || tokenIndex > index) {
        problems.push(
          `${jobId}/${action}: token comes from "${match[1]}", not an earlier create-github-app-token step`,
        );
        return;
      }
      byToken.set(match[1], [...(byToken.get(match[1]) ?? []), step]);
    });
    for (const [id, users] of byToken) {
      uses.push({ jobId, tokenStep: steps.find((step) => step.id === id), steps: users, problems: [] });
    }
    if (problems.length > 0) uses.push({ jobId, tokenStep: undefined, steps: [], problems });
    for (const step of steps) {
      if (isTokenStep(step) && !byToken.has(step.id ?? '')) {
        uses.push({
          jobId,
          tokenStep: step,
          steps: [],
          problems: [`${jobId}: App token "${step.id}" used by none of our actions`],
        });
      }
    }
  }
  return uses;
}

/** How a token differs from what its job's actions need; empty when it grants exactly that. */
export function tokenMismatches(workflow: Workflow, use: TokenUse): string[] {
  if (!use.tokenStep) return use.problems;
  const job = workflow.jobs[use.jobId] ?? {};
  const context = staticContext(workflow, job);
  const grant = tokenGrant(use.tokenStep, context);
  const need = needOf(workflow, use.jobId, use.steps);
  const where = `${use.jobId}/${grant.stepId}`;
  const mismatches = [...use.problems, ...need.problems.map((problem) => `${where}: ${problem}`)];
  mismatches.push(...grant.unknown.map((input) => `${where}: unknown permission input ${input}`));
  if (Object.keys(grant.permissions).length === 0 && grant.unknown.length === 0) {
    mismatches.push(`${where}: no permission-* input, so the token has every permission of the installation`);
  }
  const names = new Set([...Object.keys(grant.permissions), ...Object.keys(need.permissions)] as AppPermission[]);
  for (const name of [...names].sort()) {
    const given = grant.permissions[name];
    const needed = need.permissions[name];
    if (given !== needed)
      mismatches.push(`${where}: permission-${name} is ${given ?? 'absent'}, the job needs ${needed ?? 'none'}`);
  }
  if (grant.owner !== TRACKER.owner)
    mismatches.push(`${where}: owner is "${grant.owner ?? '(absent)'}", not the tracker's owner`);
  if (need.repositories === 'installation') {
    if (grant.repositories !== undefined)
      mismatches.push(
        `${where}: a step sweeps an organization, but repositories limits the token: the sweep would be blind to the rest`,
      );
    return mismatches;
  }
  if (grant.repositories === undefined) {
    mismatches.push(`${where}: no repositories input, so the token reaches every repository of the installation`);
    return mismatches;
  }
  const { required, optional } = need.repositories;
  const listed = new Set(grant.repositories);
  for (const name of required) if (!listed.has(name)) mismatches.push(`${where}: repositories lacks ${name}`);
  for (const name of listed) {
    if (!required.has(name) && !optional.has(name))
      mismatches.push(`${where}: repositories lists ${name}, which no step needs`);
  }
  return mismatches;
}
