// Stands in for @actions/exec (see scripts/build.mjs): the real one (exec.mjs) loads on first use.
export async function exec(...args) { return (await import('./exec.mjs')).exec(...args); }
export async function getExecOutput(...args) { return (await import('./exec.mjs')).getExecOutput(...args); }
