/**
 * The errors the actions raise (src/domain/errors.ts): what the failure handler shows the user is the name and the
 * message, and for a configuration mistake in a file, each problem at its line.
 */
import { describe, expect, it } from '@jest/globals';
import {
  ConfigurationError,
  describeProblem,
  ExpectedFailure,
  PartialFailureError,
  PermissionError,
} from '../../src/domain/errors.js';

describe('describeProblem', () => {
  it('writes file:line: message', () => {
    expect(describeProblem({ file: '.github/disclosure.yml', line: 7, message: 'unknown key "triag"' })).toBe(
      '.github/disclosure.yml:7: unknown key "triag"',
    );
  });

  it('leaves the line out when the problem has none', () => {
    expect(describeProblem({ file: '.github/disclosure.yml', message: 'the file is empty' })).toBe(
      '.github/disclosure.yml: the file is empty',
    );
  });

  it('keeps a line 0 (it is not "no line")', () => {
    expect(describeProblem({ file: 'f.yml', line: 0, message: 'm' })).toBe('f.yml:0: m');
  });
});

describe('ConfigurationError', () => {
  it('carries the message, the input it is about, and no problems by default', () => {
    const error = new ConfigurationError('Input "policy" is "spec12", but it accepts ...', 'policy');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigurationError');
    expect(error.message).toBe('Input "policy" is "spec12", but it accepts ...');
    expect(error.source).toBe('policy');
    expect(error.problems).toEqual([]);
  });

  it('lists every problem of a file, one a line, each at its line', () => {
    const problems = [
      { file: '.github/disclosure.yml', line: 3, message: 'first' },
      { file: '.github/disclosure.yml', message: 'second' },
    ];
    const error = ConfigurationError.inFile('.github/disclosure.yml', problems);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('.github/disclosure.yml:3: first\n.github/disclosure.yml: second');
    expect(error.source).toBe('.github/disclosure.yml');
    expect(error.problems).toEqual(problems);
  });
});

describe('the other errors', () => {
  it('PermissionError keeps the message naming the permission', () => {
    const error = new PermissionError('The token lacks "security_events: write".');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PermissionError');
    expect(error.message).toBe('The token lacks "security_events: write".');
  });

  it('PartialFailureError counts and names each failed item', () => {
    const failures = [
      { item: 'GHSA-aaaa-bbbb-cccc', message: 'HTTP 502' },
      { item: 'GHSA-dddd-eeee-ffff', message: 'not found' },
    ];
    const error = new PartialFailureError(failures);
    expect(error.name).toBe('PartialFailureError');
    expect(error.message).toBe('2 item(s) failed: GHSA-aaaa-bbbb-cccc (HTTP 502); GHSA-dddd-eeee-ffff (not found)');
    expect(error.failures).toEqual(failures);
  });

  it('ExpectedFailure keeps the outcome the user asked to fail on', () => {
    const error = new ExpectedFailure('The release window is closed.');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExpectedFailure');
    expect(error.message).toBe('The release window is closed.');
  });
});
