// Probe: the project's client factory (src/github/client.ts): @actions/core, @actions/github, retry, throttling, bottleneck.
import { createClient } from '../../../src/github/client.js';
export const probe = [createClient];
