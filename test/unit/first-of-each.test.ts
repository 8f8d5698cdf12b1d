/** firstOfEach: each item once, in order, as first seen (logins, team slugs and CODEOWNERS owners ignoring case). */
import { describe, expect, it } from '@jest/globals';
import { firstOfEach, firstOfEachIgnoringCase } from '../../src/domain/first-of-each.js';

describe('firstOfEach', () => {
  it('keeps the first item of each key, in the order given', () => {
    const approvals = [
      { login: 'bo', at: '1' },
      { login: 'Amir', at: '2' },
      { login: 'BO', at: '3' },
    ];
    expect(firstOfEach(approvals, (approval) => approval.login.toLowerCase())).toEqual([
      { login: 'bo', at: '1' },
      { login: 'Amir', at: '2' },
    ]);
  });

  it('counts logins spelled in two cases once, as first spelled', () => {
    expect(firstOfEachIgnoringCase(['Amir', 'zoe', 'amir', '@Org/Team', '@org/team', 'Zoe'])).toEqual([
      'Amir',
      'zoe',
      '@Org/Team',
    ]);
    expect(firstOfEachIgnoringCase([])).toEqual([]);
  });
});
