/** Where a policy's number comes from, in words for the README's table and for a reporter. Pure. */
import type { Policy, Provenance, ProvenanceKey } from './types.js';

/** Short words for a reporter: `as SPEC 11 states`, `a target we set (…gives no number)`, `our policy`. */
export function provenanceLabel(provenance: Provenance): string {
  switch (provenance.source) {
    case 'seed':
      return `as ${provenance.document} states`;
    case 'project-default':
      return 'a target we set: our process document gives no number for it';
    case 'policy-file':
      return 'our policy';
  }
}

/** The README's cell: the quote from the document, or the project default and why. */
export function provenanceCell(provenance: Provenance): string {
  switch (provenance.source) {
    case 'seed':
      return `${provenance.document}: "${provenance.quote}"${provenance.note ? ` (${provenance.note})` : ''}`;
    case 'project-default':
      return `project default: ${provenance.why}`;
    case 'policy-file':
      return `policy file ${provenance.file}`;
  }
}

/** The label of one number of `policy`. */
export function basisOf(policy: Policy, key: ProvenanceKey): string {
  return provenanceLabel(policy.provenance[key]);
}
