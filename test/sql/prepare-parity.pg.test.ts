import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultAuthorizer } from '../../src/rbac/authorizer.ts';
import type { Action, ResourceType } from '../../src/rbac/catalogue.ts';
import { orgRoleNames, siteRoleNames } from '../../src/rbac/role-names.ts';
import type { AclMap, RbacObject, RoleRef, Subject } from '../../src/rbac/types.ts';
import { compileFilter } from '../../src/sql/compile-filter.ts';
import { cachedFilter } from '../../src/sql/filter-cache.ts';
import { toWhere } from '../../src/sql/filter-result.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { ids, rowsArbitrary, type ThingRow } from './support/arbitraries.ts';
import { createThings, thingColumns, things } from './support/things.ts';

// End to end: the engine's `prepare`, compiled here and run on PostgreSQL, selects exactly the
// rows the engine's `authorize` allows, for random subjects, actions and rows.

const database = databaseForFile();
beforeAll(async () => {
  await database.db.execute(createThings);
});

const orgRole = fc.record({
  name: fc.constantFrom(...orgRoleNames.filter((n) => n !== 'organization-service-account')),
  org: fc.constantFrom(ids.orgA, ids.orgB),
});
const subjectArbitrary: fc.Arbitrary<Subject> = fc.record({
  id: fc.constantFrom(ids.alice, ids.bob),
  roles: fc.array(fc.oneof(fc.constantFrom<RoleRef>(...siteRoleNames), orgRole), { maxLength: 3 }),
  groups: fc.subarray([ids.group, ids.orgA]),
  scope: fc.constant('coder:all'),
});
const action = fc.constantFrom<Action>('read', 'update', 'delete', 'share', 'use');
const type = fc.constantFrom<ResourceType>('workspace', 'template', 'workspace_dormant');

function objectOf(kind: ResourceType, row: ThingRow): RbacObject {
  return {
    type: kind,
    id: row.id,
    ...(row.ownerId !== null && { owner: row.ownerId }),
    ...(row.orgId !== null && { org: row.orgId }),
    aclUsers: row.userAcl as AclMap,
    ...(row.groupAcl !== null && { aclGroups: row.groupAcl as AclMap }),
  };
}

describe('prepare + compileFilter on PostgreSQL agree with authorize', () => {
  it('selects exactly the rows authorize allows', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArbitrary,
        subjectArbitrary,
        action,
        type,
        async (rows, subject, verb, kind) => {
          if (verb === 'use' && kind !== 'template') return; // only templates have `use`
          await database.db.execute(sql`truncate things`);
          if (rows.length > 0) await database.db.insert(things).values(rows);
          const allowed = rows.filter((row) =>
            defaultAuthorizer.authorize(subject, verb, objectOf(kind, row)),
          );
          const expected = allowed.map((r) => r.id).sort();
          // compiled afresh, then cached: the first cached call compiles, the second is flattened.
          const filters = [
            compileFilter(defaultAuthorizer.prepare(subject, verb, kind), thingColumns),
            cachedFilter(defaultAuthorizer, subject, verb, kind, thingColumns),
            cachedFilter(defaultAuthorizer, subject, verb, kind, thingColumns),
          ];
          for (const filter of filters) {
            const selected = await database.db
              .select({ id: things.id })
              .from(things)
              .where(toWhere(filter, { all: 'true' }));
            expect(selected.map((r) => r.id).sort()).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
