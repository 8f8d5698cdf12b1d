// Stands in for undici (see scripts/build.mjs): the real one (undici.cjs) loads on first use.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
let undici;
const real = () => (undici ??= require('./undici.cjs'));
export const { Agent, ProxyAgent } = { Agent: class Agent { constructor(...args) { return new (real().Agent)(...args); } }, ProxyAgent: class ProxyAgent { constructor(...args) { return new (real().ProxyAgent)(...args); } } };
export function fetch(...args) { return real().fetch(...args); }
