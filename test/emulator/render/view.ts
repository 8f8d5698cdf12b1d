import type { EmulatorState } from '../types.js';

/** What the serializers need: the data and the base URLs for `url` (API) and `html_url` (web) fields. */
export interface View {
  state: EmulatorState;
  api: string;
  web: string;
}
