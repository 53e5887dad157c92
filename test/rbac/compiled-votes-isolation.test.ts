import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../src/rbac/authorizer.ts';
import { object } from '../../src/rbac/object.ts';
import { createSubject } from '../../src/rbac/subject.ts';

// Attack on the compiled-role cache (src/rbac/compiled-role.ts, pair-index.ts combineVotes/NO_VOTES):
// vote arrays are now shared by every subject (and every authorizer) of the process.

describe('compiled votes are per subject', () => {
  it("a write into one subject's compiled votes (public compile()) does not grant another subject", () => {
    const mallory = createSubject({ id: 'mallory', roles: ['member'] });
    const victimAuthz = createAuthorizer();
    const alice = createSubject({ id: 'alice', roles: ['member'] });
    const target = object('user').withId('someone-else');
    expect(victimAuthz.authorize(alice, 'update', target)).toBe(false);
    // Another component (a plugin, a debug tool) holds its own authorizer and its own subject.
    const compiled = createAuthorizer().compile(mallory);
    // `readonly site: Votes` (an Int8Array): the type lets a caller write into it.
    const before = compiled.roleVotes.site.slice();
    compiled.roleVotes.site.fill(1);
    // A fresh subject, a different authorizer: it shares the same compiled `member` votes.
    const bob = createSubject({ id: 'bob', roles: ['member'] });
    try {
      expect(victimAuthz.authorize(bob, 'update', target)).toBe(false);
    } finally {
      compiled.roleVotes.site.set(before); // undo the poisoning
    }
  });
});
