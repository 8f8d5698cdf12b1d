import type { Route } from '../context.js';
import { ADVISORY_COMMENT_ROUTES } from './advisory-comments.js';
import { ADVISORY_ROUTES } from './advisories.js';
import { ISSUE_ROUTES } from './issues.js';
import { LABEL_ROUTES } from './labels.js';
import { ORG_ROUTES } from './orgs.js';
import { RELEASE_AND_TEAM_ROUTES } from './releases-teams.js';
import { REPO_ROUTES } from './repos.js';
import { SEARCH_ROUTES } from './search.js';

/** Every REST operation the emulator serves, each named by its OpenAPI operation id. */
export const ROUTES: Route[] = [
  ...ADVISORY_ROUTES,
  ...ADVISORY_COMMENT_ROUTES,
  ...REPO_ROUTES,
  ...ORG_ROUTES,
  ...ISSUE_ROUTES,
  ...LABEL_ROUTES,
  ...SEARCH_ROUTES,
  ...RELEASE_AND_TEAM_ROUTES,
];
