import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { needsInfoMode, parseAckCommand } from '../../src/domain/ack-command.js';
import { creditsWith, creditText } from '../../src/domain/credit.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { formBody } from '../actions/intake-form.world.js';
import {
  formAnswers,
  INTAKE_FORM_LABELS,
  parseCreditChoice,
  parsePackages,
  parseReceivedAt,
  readIntakeForm,
} from '../../src/domain/intake-form.js';

const FILED = new Date('2026-01-05T12:00:00Z');
const NOW = new Date('2026-01-06T10:00:00Z');

describe('the shipped issue form', () => {
  it('has the field labels ack-report reads, the intake label, and a required field for what the API needs', () => {
    const form = parseYaml(
      readFileSync(
        new URL('../../.github/workflow-templates/ISSUE_TEMPLATE/security-report.yml', import.meta.url),
        'utf8',
      ),
    ) as {
      labels: string[];
      body: { type: string; attributes: { label?: string }; validations?: { required?: boolean } }[];
    };
    const fields = form.body.filter((item) => item.type !== 'markdown');
    const labels = fields.map((item) => item.attributes.label);
    expect(labels).toEqual(expect.arrayContaining(Object.values(INTAKE_FORM_LABELS)));
    expect(form.labels).toEqual(['security-report']);
    const required = fields.filter((item) => item.validations?.required).map((item) => item.attributes.label);
    expect(required).toEqual(
      expect.arrayContaining([
        INTAKE_FORM_LABELS.receivedAt,
        INTAKE_FORM_LABELS.channel,
        INTAKE_FORM_LABELS.repository,
        INTAKE_FORM_LABELS.packages,
      ]),
    );
  });
});

describe('readIntakeForm', () => {
  it('reads when the report arrived, the channel, the repository, the packages and the credit', () => {
    const form = readIntakeForm(formBody({ credit: '@reporter-rita' }), FILED, NOW);
    expect(form).toEqual({
      receivedAt: new Date('2026-01-05T09:30:00Z'),
      channel: 'E-mail',
      repository: 'sample-org/sample-project',
      packages: [{ ecosystem: 'pip', name: 'sample-project' }],
      credit: { login: 'reporter-rita', type: 'reporter' },
    });
  });
  it('is undefined for an issue written without the form', () => {
    expect(readIntakeForm('A report came by e-mail: ...', FILED, NOW)).toBeUndefined();
    expect(readIntakeForm(null, FILED, NOW)).toBeUndefined();
  });
  it('names the field and the fix for an empty required answer', () => {
    expect(() => readIntakeForm(formBody({ repository: '_No response_' }), FILED, NOW)).toThrow(
      /"Affected repository": it is empty/,
    );
    expect(() => readIntakeForm(formBody({ repository: 'not a repo' }), FILED, NOW)).toThrow(/owner\/name/);
  });
  it('takes a GitHub URL for the repository', () => {
    const form = readIntakeForm(formBody({ repository: 'https://github.com/o/r/' }), FILED, NOW);
    expect(form?.repository).toBe('o/r');
  });
  it('splits the rendered body by its headings', () => {
    expect(formAnswers('### A\n\nx\n\n### B\n\n_No response_\n')).toEqual(
      new Map([
        ['a', 'x'],
        ['b', ''],
      ]),
    );
  });
});

describe('parseReceivedAt', () => {
  it('reads UTC date and time in the usual spellings', () => {
    expect(parseReceivedAt('2026-01-05 09:30', FILED, NOW).toISOString()).toBe('2026-01-05T09:30:00.000Z');
    expect(parseReceivedAt('2026-01-05T09:30:15Z', FILED, NOW).toISOString()).toBe('2026-01-05T09:30:15.000Z');
    expect(parseReceivedAt('2026-01-05 09:30 UTC', FILED, NOW).toISOString()).toBe('2026-01-05T09:30:00.000Z');
    expect(parseReceivedAt('2026-01-04', FILED, NOW).toISOString()).toBe('2026-01-04T00:00:00.000Z');
  });
  it('refuses a time in the future, after the filing, or no date at all, with a ConfigurationError', () => {
    expect(() => parseReceivedAt('2026-01-07 09:00', new Date('2026-01-08T00:00:00Z'), NOW)).toThrow(
      /is in the future \(it is 2026-01-06T10:00:00.000Z\)/,
    );
    expect(() => parseReceivedAt('2026-01-05 13:00', FILED, NOW)).toThrow(/after the issue was filed/);
    expect(() => parseReceivedAt('yesterday', FILED, NOW)).toThrow(ConfigurationError);
    expect(() => parseReceivedAt('2026-02-30 10:00', FILED, NOW)).toThrow(/not a date and time/);
  });
  it('accepts exactly the filing time', () => {
    expect(parseReceivedAt('2026-01-05 12:00', FILED, NOW)).toEqual(FILED);
  });
});

describe('parsePackages', () => {
  it("reads one package a line with GitHub's ecosystems and the usual aliases", () => {
    expect(parsePackages('pip: numpy\n- PyPI: scipy\n\nother: conda-forge-pinning')).toEqual([
      { ecosystem: 'pip', name: 'numpy' },
      { ecosystem: 'pip', name: 'scipy' },
      { ecosystem: 'other', name: 'conda-forge-pinning' },
    ]);
  });
  it('refuses an empty list and an unknown ecosystem, naming the line but not echoing it', () => {
    expect(() => parsePackages('')).toThrow(/at least one package/);
    expect(() => parsePackages('pip: ok\nconda: secret-name')).toThrow(/line 2 is not `ecosystem: name`/);
    expect(() => parsePackages('pip: ok\nconda: secret-name')).not.toThrow(/secret-name/);
  });
});

describe('credit', () => {
  it('reads a login, a name, a refusal, or nothing', () => {
    expect(parseCreditChoice('@rita')).toEqual({ login: 'rita', type: 'reporter' });
    expect(parseCreditChoice('"Jane Doe"')).toEqual({ name: 'Jane Doe', type: 'reporter' });
    expect(parseCreditChoice('none')).toEqual({ declined: true });
    expect(parseCreditChoice('')).toBeUndefined();
    expect(() => parseCreditChoice('@not a login')).toThrow(/"Credit"/);
  });
  it('puts a login on the advisory with its type, replaces a previous one, and changes nothing twice', () => {
    const current = [{ login: 'alice', type: 'remediation_developer' }];
    expect(creditsWith(current, { login: 'rita', type: 'finder' })).toEqual([
      { login: 'alice', type: 'remediation_developer' },
      { login: 'rita', type: 'finder' },
    ]);
    expect(creditsWith([...current, { login: 'rita', type: 'finder' }], { login: 'Rita', type: 'finder' })).toBe(
      undefined,
    );
    expect(creditsWith([{ login: 'rita', type: 'reporter' }], { login: 'rita', type: 'finder' })).toEqual([
      { login: 'rita', type: 'finder' },
    ]);
    expect(creditsWith([{ login: 'rita', type: 'reporter' }], { login: 'bob' }, 'rita')).toEqual([
      { login: 'bob', type: 'reporter' },
    ]);
  });
  it('takes the login it had put there off the advisory when the reporter declines or prefers a name', () => {
    const current = [
      { login: 'rita', type: 'reporter' },
      { login: 'alice', type: 'analyst' },
    ];
    expect(creditsWith(current, { declined: true }, 'rita')).toEqual([{ login: 'alice', type: 'analyst' }]);
    expect(creditsWith(current, { name: 'R.' }, 'rita')).toEqual([{ login: 'alice', type: 'analyst' }]);
    expect(creditsWith(current, { name: 'R.' })).toBeUndefined();
  });
  it('says where the credit goes', () => {
    expect(creditText({ name: 'Jane Doe' })).toContain('announcement text');
    expect(creditText({ login: 'rita' })).toContain("advisory's credits");
    expect(creditText({ declined: true })).toContain('declined');
  });
});

describe('needsInfoMode', () => {
  it('reads the question after /triage needs-info, on the same line or below', () => {
    expect(needsInfoMode('/triage needs-info Which version?')).toEqual({
      ack: { kind: 'needs-info', question: 'Which version?' },
    });
    expect(needsInfoMode('/triage needs-info\nWhich version?\nAnd which OS?')).toEqual({
      ack: { kind: 'needs-info', question: 'Which version?\nAnd which OS?' },
    });
  });
  it('leaves other triage commands alone and refuses an empty question', () => {
    expect(needsInfoMode('/triage decision=accept')).toBeUndefined();
    expect(needsInfoMode('/triage needs-information x')).toBeUndefined();
    expect(needsInfoMode('/triage needs-info')).toMatchObject({ error: { message: /Write the question/ } });
  });
});

describe('parseAckCommand', () => {
  it('reads /ack sent and the credit commands', () => {
    expect(parseAckCommand('/ack sent')).toEqual({ kind: 'sent' });
    expect(parseAckCommand('Done.\n/ack sent\n')).toEqual({ kind: 'sent' });
    expect(parseAckCommand('/ack credit @rita finder')).toEqual({
      kind: 'credit',
      credit: { login: 'rita', type: 'finder' },
    });
    expect(parseAckCommand('/ack credit name="Jane Doe"')).toEqual({
      kind: 'credit',
      credit: { name: 'Jane Doe', type: 'reporter' },
    });
    expect(parseAckCommand('/ack credit Jane Doe')).toMatchObject({ credit: { name: 'Jane Doe' } });
    expect(parseAckCommand('/ack credit none')).toEqual({ kind: 'credit', credit: { declined: true } });
  });
  it('is none without the command, and invalid for anything else', () => {
    expect(parseAckCommand('we sent the /ack already')).toEqual({ kind: 'none' });
    expect(parseAckCommand('/acknowledge')).toEqual({ kind: 'none' });
    expect(parseAckCommand('/ack')).toMatchObject({ kind: 'invalid' });
    expect(parseAckCommand('/ack sent twice')).toMatchObject({ kind: 'invalid' });
    expect(parseAckCommand('/ack credit @rita chef')).toMatchObject({ kind: 'invalid', problem: /not a credit type/ });
    expect(parseAckCommand('/ack credit')).toMatchObject({ kind: 'invalid' });
  });
});
