/**
 * The parts of src/domain/intake-form.ts that the mutation run found unguarded: the advisory text a team writes on a
 * hand-filed report (present, missing one or both fields, an over-long summary, the exact messages), the field a
 * form error names and its exact messages, headings the form did not write (absent, repeated, with odd spacing or
 * line endings), the boundaries of "received at" and of a credited name, repository URLs and trailing slashes, and
 * the spellings of a package line (bullets, indentation, no space after the colon, blank lines).
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/domain/errors.js';
import { ADVISORY_ECOSYSTEMS } from '../../src/domain/ecosystems.js';
import {
  ADVISORY_TEXT_LABELS,
  formAnswers,
  INTAKE_FORM_LABELS,
  parseCreditChoice,
  parsePackages,
  parseReceivedAt,
  readAdvisoryText,
  readIntakeForm,
} from '../../src/domain/intake-form.js';
import { thrownBy } from './thrown.js';

const FILED = new Date('2026-01-05T12:00:00Z');
const NOW = new Date('2026-01-06T10:00:00Z');

const errorOf = (run: () => unknown): Error => thrownBy(run, Error);

function expectConfigurationError(run: () => unknown, message: string, source: string): void {
  const error = errorOf(run);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toBe(message);
  expect((error as ConfigurationError).source).toBe(source);
}

/** A rendered body with these `### heading` sections, in order (a heading left out is absent). */
function body(sections: Record<string, string>): string {
  return Object.entries(sections)
    .map(([heading, answer]) => `### ${heading}\n\n${answer}`)
    .join('\n\n');
}

const FIELDS = {
  [INTAKE_FORM_LABELS.receivedAt]: '2026-01-05 09:30',
  [INTAKE_FORM_LABELS.channel]: 'E-mail',
  [INTAKE_FORM_LABELS.repository]: 'sample-org/sample-project',
  [INTAKE_FORM_LABELS.packages]: 'pip: sample-project',
  [INTAKE_FORM_LABELS.credit]: '_No response_',
};

function formWith(changes: Record<string, string | undefined>): string {
  const sections: Record<string, string> = {};
  for (const [heading, answer] of Object.entries({ ...FIELDS, ...changes })) {
    if (answer !== undefined) sections[heading] = answer;
  }
  return body(sections);
}

const SUMMARY = ADVISORY_TEXT_LABELS.summary;
const DESCRIPTION = ADVISORY_TEXT_LABELS.description;
const missingText = (what: string, pronoun: string): string =>
  `Accepting a report filed by hand opens its advisory with the text the team writes, and this issue has no ${what}: edit the issue to add ${pronoun} (each under its own \`### \` heading, as the form writes it), then run the command again. Nothing was changed.`;

describe('the advisory text the team writes on a hand-filed report', () => {
  it('reads the summary and the description under their headings', () => {
    const text = readAdvisoryText(
      body({ Report: 'secret', [SUMMARY]: 'Crash in the parser', [DESCRIPTION]: 'A crafted file crashes it.' }),
    );
    expect(text).toEqual({ summary: 'Crash in the parser', description: 'A crafted file crashes it.' });
  });

  it('names both fields, as "them", when the body has neither or there is no body', () => {
    const message = missingText(`"${SUMMARY}" or "${DESCRIPTION}"`, 'them');
    expectConfigurationError(() => readAdvisoryText(null), message, 'triage command');
    expectConfigurationError(() => readAdvisoryText(undefined), message, 'triage command');
    expectConfigurationError(
      () => readAdvisoryText(body({ [SUMMARY]: '_No response_', [DESCRIPTION]: '' })),
      message,
      'triage command',
    );
  });

  it('names only the summary, as "it", when only the summary is missing', () => {
    expectConfigurationError(
      () => readAdvisoryText(body({ [DESCRIPTION]: 'A crafted file crashes it.' })),
      missingText(`"${SUMMARY}"`, 'it'),
      'triage command',
    );
  });

  it('names only the description, as "it", when only the description is missing', () => {
    expectConfigurationError(
      () => readAdvisoryText(body({ [SUMMARY]: 'Crash in the parser' })),
      missingText(`"${DESCRIPTION}"`, 'it'),
      'triage command',
    );
  });

  it("takes a summary of exactly GitHub's 1024 characters and refuses one longer", () => {
    const longest = 'x'.repeat(1024);
    expect(readAdvisoryText(body({ [SUMMARY]: longest, [DESCRIPTION]: 'd' })).summary).toBe(longest);
    expectConfigurationError(
      () => readAdvisoryText(body({ [SUMMARY]: `${longest}y`, [DESCRIPTION]: 'd' })),
      `"${SUMMARY}" is longer than GitHub's 1024 characters.`,
      'triage command',
    );
  });
});

describe('headings the form did not write', () => {
  it('reads a body with Windows line endings', () => {
    expect(formAnswers('### A\r\n\r\nx\r\n\r\n### B\r\n\r\ny\r\n')).toEqual(
      new Map([
        ['a', 'x'],
        ['b', 'y'],
      ]),
    );
  });

  it('keeps "###" inside an answer line as text, not a heading', () => {
    expect(formAnswers('### A\n\nsee ### B below')).toEqual(new Map([['a', 'see ### B below']]));
  });

  it('trims a heading of white space other than spaces and tabs', () => {
    expect(formAnswers('### A\u00a0\n\nx\n\n### \u00a0B\n\ny')).toEqual(
      new Map([
        ['a', 'x'],
        ['b', 'y'],
      ]),
    );
  });

  it('keeps the first answer of a heading written twice', () => {
    expect(formAnswers('### A\n\nfirst\n\n### A\n\nsecond')).toEqual(new Map([['a', 'first']]));
  });

  it('says a required field is empty when its heading is missing altogether', () => {
    expectConfigurationError(
      () => readIntakeForm(formWith({ [INTAKE_FORM_LABELS.channel]: undefined }), FILED, NOW),
      'Intake form field "Channel": it is empty: choose the channel the report came through, then edit the issue.',
      'intake form',
    );
  });

  it('asks for a package when the packages heading is missing altogether', () => {
    expectConfigurationError(
      () => readIntakeForm(formWith({ [INTAKE_FORM_LABELS.packages]: undefined }), FILED, NOW),
      'Intake form field "Affected packages": name at least one package, one a line as `ecosystem: name` (e.g. `pip: numpy`; `other: <name>` for conda packages): GitHub needs it to open the advisory.',
      'intake form',
    );
  });

  it('leaves the credit open when the credit heading is missing altogether', () => {
    const form = readIntakeForm(formWith({ [INTAKE_FORM_LABELS.credit]: undefined }), FILED, NOW);
    expect(form?.credit).toBeUndefined();
    expect(form?.channel).toBe('E-mail');
  });
});

describe('the exact messages of an empty required field', () => {
  it.each([
    [INTAKE_FORM_LABELS.receivedAt, 'write when the report arrived'],
    [INTAKE_FORM_LABELS.channel, 'choose the channel the report came through'],
    [INTAKE_FORM_LABELS.repository, 'write the affected repository'],
  ])('names "%s" and says to %s', (label, what) => {
    expectConfigurationError(
      () => readIntakeForm(formWith({ [label]: '_No response_' }), FILED, NOW),
      `Intake form field "${label}": it is empty: ${what}, then edit the issue.`,
      'intake form',
    );
  });
});

describe('the channel', () => {
  it('is cut to 60 characters', () => {
    const channel = `${'c'.repeat(60)}overflow`;
    expect(readIntakeForm(formWith({ [INTAKE_FORM_LABELS.channel]: channel }), FILED, NOW)?.channel).toBe(
      'c'.repeat(60),
    );
  });
});

describe('when the report arrived', () => {
  it('takes surrounding white space', () => {
    expect(parseReceivedAt('  2026-01-05 09:30  ', FILED, NOW)).toEqual(new Date('2026-01-05T09:30:00Z'));
  });

  it('accepts exactly now when the issue is being filed now', () => {
    expect(parseReceivedAt('2026-01-06 10:00', NOW, NOW)).toEqual(NOW);
  });
});

describe('the affected repository', () => {
  const repositoryOf = (answer: string): string | undefined =>
    readIntakeForm(formWith({ [INTAKE_FORM_LABELS.repository]: answer }), FILED, NOW)?.repository;

  it('drops every trailing slash of a URL', () => {
    expect(repositoryOf('https://github.com/o/r//')).toBe('o/r');
  });

  it('refuses a GitHub URL that does not start the answer', () => {
    expectConfigurationError(
      () => repositoryOf('ahttps://github.com/o/r'),
      'Intake form field "Affected repository": it is not a repository: write the affected repository as `owner/name`.',
      'intake form',
    );
  });
});

describe('the spellings of a package line', () => {
  it('takes indented bullets and skips lines of white space only', () => {
    expect(parsePackages('  - pip: numpy\n   \n\t* npm: left-pad')).toEqual([
      { ecosystem: 'pip', name: 'numpy' },
      { ecosystem: 'npm', name: 'left-pad' },
    ]);
  });

  it('keeps a " - " inside a name and takes no space after the colon', () => {
    expect(parsePackages('pip: numpy - extra\npip:scipy')).toEqual([
      { ecosystem: 'pip', name: 'numpy - extra' },
      { ecosystem: 'pip', name: 'scipy' },
    ]);
  });

  it.each([
    ['a line starting with a colon', ': pip: numpy'],
    ['a dash glued to a word', 'x- pip: numpy'],
    ['a name broken by a carriage return', 'pip: num\rpy'],
  ])('refuses %s, listing the ecosystems', (_what, text) => {
    expectConfigurationError(
      () => parsePackages(text),
      `Intake form field "Affected packages": line 1 is not \`ecosystem: name\` with one of GitHub's ecosystems (${ADVISORY_ECOSYSTEMS.join(', ')}; \`other\` for conda packages).`,
      'intake form',
    );
  });
});

describe('the credit choice', () => {
  const refusal =
    'Intake form field "Credit": write `@login` (a GitHub account), the name to credit (up to 100 characters, no `<` or `>`), or `none`.';

  it('reads a choice with surrounding white space', () => {
    expect(parseCreditChoice('  none  ')).toEqual({ declined: true });
    expect(parseCreditChoice('   ')).toBeUndefined();
  });

  it('takes a word without "@" as a name, not a login', () => {
    expect(parseCreditChoice('rita')).toEqual({ name: 'rita', type: 'reporter' });
  });

  it('unquotes only a name quoted whole', () => {
    expect(parseCreditChoice('x"Jane"')).toEqual({ name: 'x"Jane"', type: 'reporter' });
    expect(parseCreditChoice('"Jane" Doe')).toEqual({ name: '"Jane" Doe', type: 'reporter' });
  });

  it('takes a name of 100 characters and refuses 101, with the exact message', () => {
    expect(parseCreditChoice('n'.repeat(100))).toEqual({ name: 'n'.repeat(100), type: 'reporter' });
    expectConfigurationError(() => parseCreditChoice('n'.repeat(101)), refusal, 'intake form');
  });
});
