/**
 * Checks what crosses the emulator's wire against GitHub's own OpenAPI description (the committed extract in
 * test/fixtures/github-openapi-subset.json): request bodies the actions send, and the responses the emulator
 * answers with. The advisory comments preview is checked against a hand-written schema (schemas/advisory-comments.json).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';

const fixtureUrl = new URL('../fixtures/github-openapi-subset.json', import.meta.url);
const commentsUrl = new URL('./schemas/advisory-comments.json', import.meta.url);

interface Fixture {
  operations: Record<string, { requestBody: unknown; responses: Record<string, unknown> }>;
}

/** Schemas of operations outside GitHub's description: where they live in the hand-written document. */
const HAND_WRITTEN: Readonly<Record<string, { request?: string; response?: string }>> = {
  'security-advisories/list-advisory-comments': { response: 'advisory-comments#/definitions/list' },
  'security-advisories/create-advisory-comment': {
    request: 'advisory-comments#/definitions/create',
    response: 'advisory-comments#/definitions/comment',
  },
};

const pointer = (id: string): string => id.replaceAll('~', '~0').replaceAll('/', '~1');

// ajv-formats is CommonJS; under ESM its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** One checker per process: compiling GitHub's schemas takes ~0.4 s, and they never change. */
let shared: ContractChecker | undefined;

export function contractChecker(): ContractChecker {
  shared ??= new ContractChecker();
  return shared;
}

export class ContractChecker {
  private readonly ajv: Ajv;
  private readonly fixture: Fixture;
  private readonly cache = new Map<string, ValidateFunction | null>();

  constructor() {
    this.fixture = JSON.parse(readFileSync(fixtureUrl, 'utf8')) as Fixture;
    this.ajv = new Ajv({ strict: false, allErrors: false, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.fixture as object, 'github');
    this.ajv.addSchema(JSON.parse(readFileSync(commentsUrl, 'utf8')) as object);
  }

  /** Undefined when the request body is valid (or the operation takes none); else the violation. */
  checkRequest(operationId: string, body: unknown): string | undefined {
    if (body === undefined) return undefined;
    const handWritten = HAND_WRITTEN[operationId];
    const ref = handWritten
      ? handWritten.request
      : this.fixture.operations[operationId]?.requestBody
        ? `github#/operations/${pointer(operationId)}/requestBody`
        : undefined;
    return ref ? this.run(ref, body, `${operationId} request body`) : undefined;
  }

  checkResponse(operationId: string, status: number, body: unknown): string | undefined {
    if (status >= 300) return undefined;
    const handWritten = HAND_WRITTEN[operationId];
    if (handWritten)
      return handWritten.response ? this.run(handWritten.response, body, `${operationId} ${status}`) : undefined;
    const operation = this.fixture.operations[operationId];
    if (!operation) return undefined;
    if (!(String(status) in operation.responses)) {
      return `${operationId} ${status}: GitHub's description has no ${status} response for this operation`;
    }
    if (operation.responses[String(status)] === null) return undefined;
    return this.run(`github#/operations/${pointer(operationId)}/responses/${status}`, body, `${operationId} ${status}`);
  }

  /** Every operation id GitHub's description (or the hand-written schema) covers. */
  knows(operationId: string): boolean {
    return operationId in this.fixture.operations || operationId in HAND_WRITTEN;
  }

  private run(ref: string, value: unknown, where: string): string | undefined {
    const validate = this.compiled(ref);
    if (!validate) return `${where}: no schema at ${ref}`;
    if (validate(value)) return undefined;
    const error = validate.errors?.[0];
    return `${where}: ${error?.instancePath || '(root)'} ${error?.message ?? 'is invalid'} ${error ? JSON.stringify(error.params) : ''}`.trim();
  }

  private compiled(ref: string): ValidateFunction | null {
    if (!this.cache.has(ref)) this.cache.set(ref, this.ajv.getSchema(ref) ?? null);
    return this.cache.get(ref) ?? null;
  }
}
