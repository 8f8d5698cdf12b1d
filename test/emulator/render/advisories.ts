import { findRepo, findTeam } from '../state.js';
import type { Advisory } from '../types.js';
import { simpleRepository } from './repos.js';
import { simpleUser, teamObject } from './users.js';
import type { View } from './view.js';

const CWE_NAMES: Record<string, string> = {
  'CWE-20': 'Improper Input Validation',
  'CWE-22': "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
  'CWE-78': "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
  'CWE-79': "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
  'CWE-89': "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
  'CWE-400': 'Uncontrolled Resource Consumption',
  'CWE-502': 'Deserialization of Untrusted Data',
  'CWE-787': 'Out-of-bounds Write',
};

function identifiers(advisory: Advisory) {
  const ids = [{ type: 'GHSA', value: advisory.ghsaId }];
  return advisory.cveId ? [...ids, { type: 'CVE', value: advisory.cveId }] : ids;
}

function teamsOf(view: View, advisory: Advisory) {
  const owner = advisory.repo.split('/')[0] ?? view.state.org;
  return advisory.collaboratingTeams.flatMap((slug) => {
    const team = findTeam(view.state, owner, slug);
    return team ? [teamObject(view, team)] : [];
  });
}

function privateFork(view: View, advisory: Advisory) {
  const fork = advisory.privateFork ? findRepo(view.state, advisory.privateFork) : undefined;
  return fork ? simpleRepository(view, fork) : null;
}

export function repositoryAdvisory(view: View, advisory: Advisory) {
  const v3 = advisory.cvssV3;
  return {
    ghsa_id: advisory.ghsaId,
    cve_id: advisory.cveId,
    url: `${view.api}/repos/${advisory.repo}/security-advisories/${advisory.ghsaId}`,
    html_url: `${view.web}/${advisory.repo}/security/advisories/${advisory.ghsaId}`,
    summary: advisory.summary,
    description: advisory.description,
    severity: advisory.severity,
    author: advisory.author ? simpleUser(view, advisory.author) : null,
    publisher: advisory.publisher ? simpleUser(view, advisory.publisher) : null,
    identifiers: identifiers(advisory),
    state: advisory.state,
    created_at: advisory.createdAt,
    updated_at: advisory.updatedAt,
    published_at: advisory.publishedAt,
    closed_at: advisory.closedAt,
    withdrawn_at: advisory.withdrawnAt,
    submission: advisory.submissionAccepted === null ? null : { accepted: advisory.submissionAccepted },
    vulnerabilities: advisory.vulnerabilities,
    cvss: { vector_string: v3?.vector_string ?? null, score: v3?.score ?? null },
    cvss_severities: { cvss_v3: advisory.cvssV3, cvss_v4: advisory.cvssV4 },
    cwes: advisory.cweIds.map((id) => ({ cwe_id: id, name: CWE_NAMES[id] ?? id })),
    cwe_ids: advisory.cweIds,
    credits: advisory.credits.map(({ login, type }) => ({ login, type })),
    credits_detailed: advisory.credits.map((credit) => ({
      user: simpleUser(view, credit.login),
      type: credit.type,
      state: credit.state ?? 'pending',
    })),
    collaborating_users: advisory.collaboratingUsers.map((login) => simpleUser(view, login)),
    collaborating_teams: teamsOf(view, advisory),
    private_fork: privateFork(view, advisory),
  };
}
