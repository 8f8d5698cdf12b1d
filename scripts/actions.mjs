/** The actions this repository ships, in lifecycle order. Each has actions/<name>/action.yml and src/actions/<name>/index.ts. */
export const ACTIONS = ['ack-report', 'sla-check', 'triage', 'create-temp-fork', 'release-gate', 'publish-announcement'];
