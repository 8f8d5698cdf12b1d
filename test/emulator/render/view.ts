import type { EmulatorState, TokenGrant } from '../types.js';

/** What the serializers need: the data, the base URLs for `url` (API) and `html_url` (web), and who is asking. */
export interface View {
  state: EmulatorState;
  api: string;
  web: string;
  /** The token of the request, for the fields GitHub answers per caller (a repository's `permissions`). */
  grant?: TokenGrant;
}
