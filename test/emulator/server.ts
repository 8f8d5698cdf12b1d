import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unauthenticated } from './access.js';
import type { RequestContext, RuntimeOptions } from './context.js';
import { contractChecker, type ContractChecker } from './contract.js';
import { FaultInjector, type FaultDecision } from './faults.js';
import { graphqlHandler } from './graphql.js';
import { ROUTES } from './handlers/index.js';
import { ApiError, type HandlerResult } from './http.js';
import type { Emulator, EmulatorOptions, LoggedRequest, WebhookSink } from './index.js';
import type { View } from './render/view.js';
import { createRouter } from './router.js';
import { applySeed, defaultSeed } from './seed.js';
import { createState, githubTime } from './state.js';
import type { EmulatorState, TokenGrant } from './types.js';

const WEB = 'https://github.com';
const API_VERSION = '2022-11-28';
/** The REST API versions the emulator serves (its OpenAPI fixture is 2022-11-28's). */
const SUPPORTED_API_VERSIONS: readonly string[] = [API_VERSION];
const API_VERSIONS_DOCS = 'https://docs.github.com/rest/about-the-rest-api/api-versions';
const WEBHOOK_PREFIX = '/_webhooks';
/** GitHub Enterprise Server's REST base path and GraphQL endpoint. */
const ENTERPRISE_REST = '/api/v3';
const ENTERPRISE_GRAPHQL = '/api/graphql';
/**
 * What GitHub Enterprise Server 3.x does not have (its REST reference lists only the global advisories under
 * "Security advisories"): repository security advisories and private vulnerability reporting.
 */
const NOT_ON_ENTERPRISE_SERVER = /\/security-advisories(?:\/|$)|\/private-vulnerability-reporting$/;
const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

interface ParsedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  token: string;
  apiVersion: string | null;
  /** The `Accept` header: a release asset is downloaded with `application/octet-stream`. */
  accept: string | null;
}

class Exchange {
  constructor(
    readonly request: ParsedRequest,
    readonly response: ServerResponse,
  ) {}
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function tokenOf(request: IncomingMessage): string {
  const header = request.headers.authorization ?? '';
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? '';
}

async function parseRequest(request: IncomingMessage): Promise<ParsedRequest | ApiError> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const text = await readBody(request);
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      return new ApiError(400, 'Problems parsing JSON', 'https://docs.github.com/rest');
    }
  }
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    path: url.pathname.replace(/\/+$/, '') || '/',
    query: Object.fromEntries(url.searchParams.entries()),
    body,
    token: tokenOf(request),
    apiVersion: headerValue(request, 'x-github-api-version'),
    accept: headerValue(request, 'accept'),
  };
}

function headerValue(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value.join(', ') : value) ?? null;
}

const supportedList = (): string =>
  SUPPORTED_API_VERSIONS.map((version, index) => `"${version}"${index === 0 ? ' (most recent)' : ''}`).join(', ');

/**
 * GitHub's 400 for a version it does not serve (its wording); in `requireApiVersion` mode the same 400 for a request
 * that names none, where GitHub itself would assume 2022-11-28.
 */
function apiVersionRefusal(version: string | null, required: boolean): ApiError | undefined {
  if (version === null) {
    if (!required) return undefined;
    return new ApiError(
      400,
      'The "X-GitHub-Api-Version" request header is missing, and this emulator requires it (requireApiVersion). ' +
        `The following versions are currently supported: ${supportedList()}.`,
      API_VERSIONS_DOCS,
    );
  }
  if (SUPPORTED_API_VERSIONS.includes(version.trim())) return undefined;
  return new ApiError(
    400,
    `The version you specified in the "X-GitHub-Api-Version" request header, "${version}", is not a supported version. ` +
      `The following versions are currently supported: ${supportedList()}.`,
    API_VERSIONS_DOCS,
  );
}

class EmulatorServer implements Emulator {
  readonly log: LoggedRequest[] = [];
  readonly contractViolations: string[] = [];
  readonly state: EmulatorState;
  readonly webhook: WebhookSink;
  url = '';
  private readonly server: Server;
  private readonly faults: FaultInjector;
  private readonly router = createRouter(ROUTES);
  private readonly contract: ContractChecker | undefined;
  private readonly runtime: RuntimeOptions;
  private readonly requireApiVersion: boolean;
  private readonly enterpriseServer: boolean;
  private readonly port: number;
  private webhookFailures: { status: number; times: number } = { status: 200, times: 0 };
  private requestCount = 0;

  constructor(options: EmulatorOptions) {
    this.state = createState(options.now);
    applySeed(this.state, options.seed ?? defaultSeed());
    this.faults = new FaultInjector(options.faults);
    this.contract = options.validate === false ? undefined : contractChecker();
    this.runtime = { forkReadyAfterMs: options.forkReadyAfterMs ?? 0, listingLagMs: options.listingLagMs ?? 0 };
    this.requireApiVersion = options.requireApiVersion ?? false;
    this.enterpriseServer = options.enterpriseServer ?? false;
    this.port = options.port ?? 0;
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.keepAliveTimeout = 1000;
    const sinkUrl = (): string => `${this.url}${WEBHOOK_PREFIX}/chat`;
    this.webhook = {
      get url() {
        return sinkUrl();
      },
      deliveries: this.state.webhookDeliveries,
      failNext: (status: number, times = 1) => {
        this.webhookFailures = { status, times };
      },
    };
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.url = this.enterpriseServer ? `${origin}${ENTERPRISE_REST}` : origin;
  }

  writes(): LoggedRequest[] {
    return this.log.filter((entry) => entry.write);
  }

  resetLog(): void {
    this.log.length = 0;
  }

  setNow(iso: string): void {
    this.state.now = githubTime(iso);
  }

  setFaults(faults: Parameters<FaultInjector['configure']>[0]): void {
    this.faults.configure(faults);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  close(): Promise<void> {
    return this.stop();
  }

  private view(): View {
    return { state: this.state, api: this.url, web: WEB };
  }

  private async handle(raw: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = await parseRequest(raw);
    if (parsed instanceof ApiError) {
      this.send(response, { status: parsed.status, body: parsed.toBody() });
      return;
    }
    const exchange = new Exchange(this.enterpriseServer ? enterprisePath(parsed) : parsed, response);
    if (exchange.request.path.startsWith(WEBHOOK_PREFIX)) return this.deliverWebhook(exchange);
    const latency = this.faults.latency();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const fault = this.faults.decide();
    if (fault.kind === 'connection-reset') {
      this.record(exchange, 0, 'connection-reset', false);
      raw.socket.destroy();
      return;
    }
    const result = fault.kind === 'none' ? await this.dispatch(exchange) : this.faultAnswer(fault, exchange);
    this.send(response, result.result, exchange.request.method === 'HEAD');
    this.record(exchange, result.result.status, result.operationId, result.write);
  }

  private async dispatch(exchange: Exchange): Promise<{ result: HandlerResult; operationId: string; write: boolean }> {
    const { request } = exchange;
    const graphql = request.path === '/graphql' && request.method === 'POST';
    const versionError = graphql ? undefined : apiVersionRefusal(request.apiVersion, this.requireApiVersion);
    if (versionError) return { result: errorResult(versionError), operationId: 'api-version', write: false };
    const grant = this.state.tokens[request.token];
    if (!grant) {
      const error = unauthenticated(request.token !== '');
      return { result: errorResult(error), operationId: 'auth', write: false };
    }
    if (graphql) {
      const answer = await graphqlHandler(this.view(), grant, request.body);
      return { result: answer.result, operationId: 'graphql', write: answer.mutation };
    }
    const missing = this.enterpriseServer && NOT_ON_ENTERPRISE_SERVER.test(request.path);
    const match = missing ? null : this.router.match(request.method, request.path);
    // GitHub answers an unknown path, or a known one with the wrong method, with a plain 404.
    if (match === null || match === 'method-not-allowed') {
      return { result: errorResult(new ApiError(404, 'Not Found')), operationId: 'unknown', write: false };
    }
    const { route, params } = match;
    const write = request.method !== 'GET';
    const requestViolation = this.contract?.checkRequest(route.operationId, write ? request.body : undefined);
    if (requestViolation) this.contractViolations.push(requestViolation);
    const ctx = this.context(request, params, grant);
    const result = await runHandler(() => route.handler(ctx));
    const responseViolation = this.contract?.checkResponse(route.operationId, result.status, result.body);
    if (responseViolation) this.contractViolations.push(responseViolation);
    if (result.status >= 500)
      this.contractViolations.push(`${route.operationId}: emulator error ${JSON.stringify(result.body)}`);
    return { result, operationId: route.operationId, write: write && result.status < 400 };
  }

  private context(request: ParsedRequest, params: Record<string, string>, grant: TokenGrant): RequestContext {
    return {
      state: this.state,
      view: { ...this.view(), grant },
      options: this.runtime,
      method: request.method,
      path: request.path,
      params,
      query: request.query,
      body: request.body,
      token: request.token,
      grant,
      accept: request.accept,
    };
  }

  private faultAnswer(fault: Exclude<FaultDecision, { kind: 'none' | 'connection-reset' }>, exchange: Exchange) {
    const operationId = `fault:${fault.kind}`;
    if (fault.kind === 'server-error') {
      const message =
        fault.status === 502 ? 'Server Error' : fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error';
      return { result: errorResult(new ApiError(fault.status, message)), operationId, write: false };
    }
    if (fault.kind === 'secondary-rate-limit') {
      const error = new ApiError(
        fault.status,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
        RATE_LIMIT_DOCS,
        undefined,
        { 'retry-after': String(fault.retryAfter) },
      );
      return { result: errorResult(error), operationId, write: false };
    }
    const login = this.state.tokens[exchange.request.token]?.login ?? 'unknown';
    const error = new ApiError(
      403,
      `API rate limit exceeded for user ID ${login}. If you reach out to GitHub Support for help, please include the request ID.`,
      RATE_LIMIT_DOCS,
      undefined,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(fault.resetAt / 1000)) },
    );
    return { result: errorResult(error), operationId, write: false };
  }

  private async deliverWebhook(exchange: Exchange): Promise<void> {
    const { request, response } = exchange;
    if (this.webhookFailures.times > 0) {
      this.webhookFailures.times -= 1;
      this.send(response, { status: this.webhookFailures.status, body: 'webhook failure injected by the test' });
      this.record(exchange, this.webhookFailures.status, 'webhook', false);
      return;
    }
    this.state.webhookDeliveries.push({ path: request.path, body: request.body });
    this.send(response, { status: 200, body: 'ok' });
    this.record(exchange, 200, 'webhook', true);
  }

  private send(response: ServerResponse, result: HandlerResult, headOnly = false): void {
    this.requestCount += 1;
    const limit = this.faults.rateLimit();
    const headers: Record<string, string> = {
      'x-github-api-version-selected': API_VERSION,
      'x-github-request-id': `EMU:${this.requestCount.toString(16).toUpperCase()}`,
      'x-ratelimit-limit': String(limit.limit),
      'x-ratelimit-remaining': String(limit.remaining),
      'x-ratelimit-used': String(limit.used),
      'x-ratelimit-reset': String(limit.reset),
      'x-ratelimit-resource': 'core',
      ...result.headers,
    };
    if (result.status === 204 || result.body === undefined) {
      response.writeHead(result.status, headers).end();
      return;
    }
    if (Buffer.isBuffer(result.body)) {
      // A release asset's bytes (its own content-type in `headers`).
      response.writeHead(result.status, { 'content-type': 'application/octet-stream', ...headers });
      response.end(headOnly ? undefined : result.body);
      return;
    }
    const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
    const type = typeof result.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    response.writeHead(result.status, { 'content-type': type, ...headers });
    response.end(headOnly ? undefined : text);
  }

  private record(exchange: Exchange, status: number, operationId: string, write: boolean): void {
    const { method, path, query, body, token, apiVersion } = exchange.request;
    this.log.push({ method, path, query, body, status, operationId, write, token, apiVersion });
  }
}

/**
 * A request to the Enterprise Server emulator with its paths as on github.com: `/api/v3/x` is `/x`, `/api/graphql` is
 * `/graphql`; anything else (github.com's own paths) is a path no route has.
 */
function enterprisePath(request: ParsedRequest): ParsedRequest {
  const { path } = request;
  if (path === ENTERPRISE_GRAPHQL) return { ...request, path: '/graphql' };
  if (path === ENTERPRISE_REST || path.startsWith(`${ENTERPRISE_REST}/`)) {
    return { ...request, path: path.slice(ENTERPRISE_REST.length) || '/' };
  }
  return { ...request, path: `/not-on-enterprise-server${path}` };
}

function errorResult(error: ApiError): HandlerResult {
  return { status: error.status, body: error.toBody(), headers: error.headers };
}

async function runHandler(handler: () => HandlerResult | Promise<HandlerResult>): Promise<HandlerResult> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof ApiError) return errorResult(error);
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      status: 500,
      body: { message: `emulator bug: ${message}`, documentation_url: 'https://docs.github.com/rest' },
    };
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const server = new EmulatorServer(options);
  await server.listen();
  return server;
}
