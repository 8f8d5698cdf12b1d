// Stands in for @actions/http-client (see scripts/build.mjs): the real one loads on first use.
import { createRequire } from 'node:module';
let client;
const real = () => (client ??= createRequire(import.meta.url)('./http-client.cjs'));
export const { HttpClient, BearerCredentialHandler } = { HttpClient: class HttpClient { constructor(...args) { return new (real().HttpClient)(...args); } }, BearerCredentialHandler: class BearerCredentialHandler { constructor(...args) { return new (real().BearerCredentialHandler)(...args); } } };
