import { describe, expect, it } from '@jest/globals';
import { reportersOf } from '../../src/domain/reporter.js';

describe('reportersOf', () => {
  it('is the author of a private report, credited as the credits say', () => {
    expect(
      reportersOf({
        author: { login: 'rita' },
        submission: { accepted: true },
        credits_detailed: [
          { user: { login: 'Rita' }, type: 'reporter', state: 'accepted' },
          { user: { login: 'rita' }, type: 'remediation_reviewer', state: 'pending' },
          { user: { login: 'alice' }, type: 'remediation_developer', state: 'accepted' },
        ],
      }),
    ).toEqual([{ login: 'rita', creditTypes: ['reporter', 'remediation reviewer'] }]);
  });

  it('thanks but does not name as credited someone who declined', () => {
    expect(
      reportersOf({
        author: { login: 'rita' },
        submission: { accepted: true },
        credits_detailed: [{ user: { login: 'rita' }, type: 'reporter', state: 'declined' }],
      }),
    ).toEqual([{ login: 'rita', creditTypes: [] }]);
  });

  it('finds credited finders on an advisory a maintainer opened, and nobody when there are none', () => {
    const credits = [{ user: { login: 'carol' }, type: 'finder', state: 'accepted' }];
    expect(reportersOf({ author: { login: 'alice' }, submission: null, credits_detailed: credits })).toEqual([
      { login: 'carol', creditTypes: ['finder'] },
    ]);
    expect(reportersOf({ author: { login: 'alice' }, submission: null, credits_detailed: [] })).toEqual([]);
  });
});
