// The example of src/rbac/README.md, run as a test; a test below checks the README shows this code.
import { readFileSync } from 'node:fs';
import {
  authorize,
  createSubject,
  evaluatePredicate,
  explain,
  object,
  prepare,
} from 'dbauthz/rbac';
import { expect, it } from 'vitest';

// README example start (the README also shows the import from 'dbauthz/rbac')
const orgId = '6a3c0c4e-0000-4000-8000-00000000000a';
const alice = createSubject({
  id: 'alice',
  roles: [
    'member',
    { name: 'organization-member', org: orgId },
    { name: 'organization-workspace-access', org: orgId },
  ],
  groups: ['frontend'],
});

const workspace = object('workspace').withId('ws-1').withOwner('alice').inOrg(orgId);
const template = object('template').withId('tpl-1').inOrg(orgId);

authorize(alice, 'ssh', workspace); // true: member level, her own workspace in her org
authorize(alice, 'use', template); // false: no role grants template use
authorize(alice, 'use', template.withAclGroups({ frontend: ['use'] })); // true: group ACL
explain(alice, 'use', template).reason; // 'no_permission'

// One predicate for a list query: rows alice may read, ready for src/sql to compile.
const filter = prepare(alice, 'read', 'workspace');
evaluatePredicate(filter, workspace); // true, the same answer as authorize
// README example end

it('runs the README example with the answers its comments give', () => {
  expect(authorize(alice, 'ssh', workspace)).toBe(true);
  expect(authorize(alice, 'use', template)).toBe(false);
  expect(authorize(alice, 'use', template.withAclGroups({ frontend: ['use'] }))).toBe(true);
  expect(explain(alice, 'use', template).reason).toBe('no_permission');
  expect(evaluatePredicate(filter, workspace)).toBe(true);
});

it('is the example the README shows', () => {
  const self = readFileSync(new URL(import.meta.url), 'utf8');
  const marker = self.indexOf('\n', self.indexOf('// README example start'));
  const example = self.slice(marker, self.indexOf('// README example end')).trim();
  const readme = readFileSync(new URL('../../src/rbac/README.md', import.meta.url), 'utf8');
  expect(readme).toContain(example);
});
