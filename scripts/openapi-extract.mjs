#!/usr/bin/env node
// Extracts, from GitHub's OpenAPI description (@octokit/openapi), the request-body and 2xx response schemas of the
// operations the test emulator serves, with every $ref kept in a components section and OpenAPI 3.0 `nullable`
// rewritten to JSON Schema. The result is committed as test/fixtures/github-openapi-subset.json.
//
// The package is big (~385 MB), so it is not a dependency. To regenerate:
//   npm i --no-save --prefix /tmp/openapi @octokit/openapi
//   node scripts/openapi-extract.mjs /tmp/openapi/node_modules/@octokit/openapi
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OPERATION_IDS = [
  'security-advisories/list-org-repository-advisories',
  'security-advisories/list-repository-advisories',
  'security-advisories/create-repository-advisory',
  'security-advisories/create-private-vulnerability-report',
  'security-advisories/get-repository-advisory',
  'security-advisories/update-repository-advisory',
  'security-advisories/create-repository-advisory-cve-request',
  'security-advisories/create-fork',
  'repos/check-private-vulnerability-reporting',
  'repos/get',
  'repos/list-for-org',
  'repos/delete',
  'repos/get-content',
  'repos/create-dispatch-event',
  'repos/get-release-by-tag',
  'repos/update-release',
  'issues/list-for-repo',
  'issues/create',
  'issues/get',
  'issues/update',
  'issues/list-comments',
  'issues/create-comment',
  'issues/get-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'issues/list-labels-on-issue',
  'issues/add-labels',
  'issues/set-labels',
  'issues/remove-label',
  'issues/list-labels-for-repo',
  'issues/create-label',
  'search/issues-and-pull-requests',
  'teams/list-members-in-org',
  'teams/get-membership-for-user-in-org',
  'orgs/get',
];

const ANNOTATIONS = new Set(['description', 'example', 'examples', 'title', 'externalDocs', 'readOnly', 'writeOnly']);
const SCHEMA_MAPS = ['properties', 'patternProperties'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_SINGLES = ['items', 'additionalProperties', 'not'];

function resolveLocalRef(spec, ref) {
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

/** Rewrites one OpenAPI 3.0 schema into JSON Schema; collects the component schemas it references. */
function convertSchema(schema, usedSchemas) {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (schema.$ref) {
    usedSchemas.add(schema.$ref.split('/').pop());
    return { $ref: schema.$ref };
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (SCHEMA_MAPS.includes(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, convertSchema(s, usedSchemas)]));
    } else if (SCHEMA_LISTS.includes(key)) {
      out[key] = value.map((s) => convertSchema(s, usedSchemas));
    } else if (SCHEMA_SINGLES.includes(key)) {
      out[key] = typeof value === 'boolean' ? value : convertSchema(value, usedSchemas);
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return { anyOf: [out, { type: 'null' }] };
}

function jsonSchemaOf(content) {
  if (!content) return null;
  const media = content['application/json'] ?? Object.values(content)[0];
  return media?.schema ?? null;
}

function extractOperation(spec, path, method, operation, usedSchemas) {
  const body = operation.requestBody?.$ref ? resolveLocalRef(spec, operation.requestBody.$ref) : operation.requestBody;
  const requestSchema = jsonSchemaOf(body?.content);
  const responses = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    if (!/^2\d\d$/.test(status)) continue;
    const resolved = response.$ref ? resolveLocalRef(spec, response.$ref) : response;
    const schema = jsonSchemaOf(resolved.content);
    responses[status] = schema ? convertSchema(schema, usedSchemas) : null;
  }
  return {
    method: method.toUpperCase(),
    path,
    requestBody: requestSchema ? convertSchema(requestSchema, usedSchemas) : null,
    responses,
  };
}

function collectComponents(spec, usedSchemas) {
  const schemas = {};
  const pending = [...usedSchemas];
  while (pending.length > 0) {
    const name = pending.pop();
    if (schemas[name]) continue;
    const found = new Set();
    schemas[name] = convertSchema(spec.components.schemas[name], found);
    for (const next of found) if (!schemas[next]) pending.push(next);
  }
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

function findOperations(spec) {
  const found = new Map();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (OPERATION_IDS.includes(operation?.operationId)) found.set(operation.operationId, { path, method, operation });
    }
  }
  const missing = OPERATION_IDS.filter((id) => !found.has(id));
  if (missing.length > 0) throw new Error(`operations not in the description: ${missing.join(', ')}`);
  return found;
}

function main() {
  const packageDir = resolve(process.argv[2] ?? 'node_modules/@octokit/openapi');
  const output = resolve(process.argv[3] ?? 'test/fixtures/github-openapi-subset.json');
  const spec = JSON.parse(readFileSync(join(packageDir, 'generated/api.github.com.json'), 'utf8'));
  const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
  const usedSchemas = new Set();
  const operations = {};
  for (const [id, { path, method, operation }] of findOperations(spec)) {
    operations[id] = extractOperation(spec, path, method, operation, usedSchemas);
  }
  const fixture = {
    $comment: 'Generated by scripts/openapi-extract.mjs from @octokit/openapi; do not edit by hand.',
    source: { package: '@octokit/openapi', version, file: 'generated/api.github.com.json', openapi: spec.openapi },
    operations: Object.fromEntries(OPERATION_IDS.map((id) => [id, operations[id]])),
    components: { schemas: collectComponents(spec, usedSchemas) },
  };
  const text = JSON.stringify(fixture, null, 1) + '\n';
  writeFileSync(output, text);
  console.log(`wrote ${output}: ${OPERATION_IDS.length} operations, ${Object.keys(fixture.components.schemas).length} schemas, ${text.length} bytes`);
}

main();
