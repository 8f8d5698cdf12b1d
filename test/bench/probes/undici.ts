// Probe: undici alone (what @actions/http-client, and so @actions/core and @actions/github, load).
import * as undici from 'undici';
export const probe = [undici];
