// Stands in for undici (see scripts/build.mjs): the real one (undici.cjs) loads on first use.
let undici;
const real = () => (undici ??= require('./undici.cjs'));
module.exports = { Agent: class Agent { constructor(...args) { return new (real().Agent)(...args); } }, ProxyAgent: class ProxyAgent { constructor(...args) { return new (real().ProxyAgent)(...args); } }, fetch: (...args) => real().fetch(...args) };
