/**
 * Text an announcement is built from, in the shapes people write it: a description with a fenced code block whose
 * lines start with `#` (shell comments, not headings), and an announcement template whose headers come after blank
 * lines in either case (src/domain/announcement.ts). Also the vulnerabilities input given a YAML value that holds
 * itself (src/domain/vulnerabilities.ts), refused with a message rather than a crash.
 */
import { describe, expect, it } from '@jest/globals';
import { splitDescription, splitSubject } from '../../src/domain/announcement.js';
import { buildTriageRequest } from '../../src/domain/chatops.js';
import { ConfigurationError } from '../../src/domain/errors.js';
import { parseVulnerabilities } from '../../src/domain/vulnerabilities.js';

describe('a description with a fenced code block', () => {
  it('keeps a `#` line inside the block as code, and still reads the headings around it', () => {
    const text = [
      '### Workarounds',
      '```sh',
      '# disable the plugin',
      'pip uninstall x',
      '```',
      '### Impact',
      'Anyone can read files.',
    ].join('\n');
    expect(splitDescription(text)).toEqual({
      description: 'Workarounds:\n```sh\n# disable the plugin\npip uninstall x\n```',
      impact: 'Anyone can read files.',
    });
  });

  it('closes a block only at a fence of the same character, at least as long', () => {
    const text = ['~~~~', '# one', '~~~', '```', '# two', '~~~~', '# Heading'].join('\n');
    expect(splitDescription(text).description).toBe('~~~~\n# one\n~~~\n```\n# two\n~~~~\nHeading:');
  });
});

describe('the headers of a rendered announcement after blank lines', () => {
  it.each([
    ['subject: Hi\n\nBody', { subject: 'Hi', to: null, body: 'Body\n' }],
    ['To: list@example.org\nSubject: Hi\n\nBody', { subject: 'Hi', to: 'list@example.org', body: 'Body\n' }],
  ])('reads %p whatever the case, after blank lines', (text, expected) => {
    expect(splitSubject(`\n\n${text}`, 'Fallback')).toEqual(expected);
  });
});

describe('vulnerabilities given a YAML value that holds itself', () => {
  it.each(['[{ecosystem: &a {x: *a}, package: p}]', '[{ecosystem: &a [*a], package: p}]'])(
    'are refused with a message naming the input: %s',
    (text) => {
      expect(() => parseVulnerabilities(text)).toThrow(ConfigurationError);
      expect(() => buildTriageRequest({ vulnerabilities: text })).toThrow(
        /vulnerabilities.*unknown ecosystem a (mapping|list) that holds itself/,
      );
    },
  );
});
