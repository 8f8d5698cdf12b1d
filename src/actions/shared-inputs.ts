/**
 * The inputs several actions take with one meaning, defined once: `npm run docs` writes each into the block of
 * every action.yml that names it (`# generated:shared-inputs token tracker policy …`), so the six descriptions and
 * defaults cannot drift apart. `name?` in a block's list takes the input as optional where it is required elsewhere.
 * Read by the docs generator only, never at run time.
 */
import { PRESET_NAMES } from '../domain/policy/presets.js';
import { CHAT_PLATFORMS } from '../channels/platform.js';

export interface SharedInput {
  readonly description: string;
  readonly required: boolean;
  readonly default?: string;
  /** The description where the input is optional (`name?` in the block), when it says something else. */
  readonly optionalDescription?: string;
}

const code = (value: string): string => `\`${value}\``;
const presets = PRESET_NAMES.map((name, index) => (index === 0 ? `${code(name)} (default)` : code(name))).join(', ');

export const SHARED_INPUTS = {
  token: {
    description:
      "GitHub App installation token (minted in the job by actions/create-github-app-token, limited to the tracker and the project repositories) or a fine-grained personal access token, with the permissions in this action's README. The workflow's GITHUB_TOKEN cannot reach repository security advisories.",
    optionalDescription:
      "GitHub App installation token or fine-grained personal access token, with the permissions in this action's README; needed only for what reads or writes GitHub (see this action's README).",
    required: true,
  },
  tracker: {
    description:
      'The private tracker repository (`owner/name`) that holds the tracking issues: the only place embargoed text is written. A public or internal repository is refused before anything is written.',
    optionalDescription:
      'The private tracker repository (`owner/name`) that holds the tracking issues, which this action reads and updates; empty: no tracker is used. A public or internal repository is refused before anything is written.',
    required: true,
  },
  policy: {
    description: `Policy preset: ${presets}, the numbers and texts of one process document (README, "Policies"). A report keeps the preset it was acknowledged under.`,
    required: false,
    default: PRESET_NAMES[0],
  },
  'policy-file': {
    description:
      'YAML policy file in the workspace overriding any number of the preset (default `.github/disclosure-policy.yml`, used when present; schemas/disclosure-policy.schema.json describes it).',
    required: false,
  },
  organization: {
    description:
      'Sweep scope: every repository of this organization (its organization-level advisory list, or each repository with a warning when the token may not use that list).',
    required: false,
  },
  repositories: {
    description:
      'Sweep scope: repositories as `owner/name`, comma or line separated, instead of or on top of `organization`.',
    required: false,
  },
  'notify-webhook': {
    description:
      'Incoming chat webhook URL (https; pass it from a secret: the URL is the credential). What this action sends is in its README: ids, links and dates, never anything embargoed. At most once per message.',
    required: false,
  },
  'notify-platform': {
    description: `The chat platform of \`notify-webhook\`, which decides the message format: ${CHAT_PLATFORMS.map(code).join(', ')}. \`auto\` recognises Slack, Discord, Zulip and Teams from the URL and uses \`generic\` (\`{text, content, body}\`) otherwise; Matrix (through a matrix-hookshot generic webhook) is never guessed.`,
    required: false,
    default: 'auto',
  },
} as const satisfies Record<string, SharedInput>;

export type SharedInputName = keyof typeof SHARED_INPUTS;
