import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../src/rbac/authorizer.ts';
import { object } from '../../src/rbac/object.ts';
import { createSubject } from '../../src/rbac/subject.ts';

// Attack on the view compile() hands out (src/rbac/authorizer.ts): it must be frozen and hold copies,
// so the engine decides on originals that never leave it. A shallow copy shared the allow list
// (a plain object of Sets/Maps) and allowListPredicates (a Map the engine fills in prepare): a
// write into them widened an API key past its allow list.

const ORG = '00000000-0000-4000-8000-0000000000aa';
const ALICE = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b1';
const WS_ALLOWED = '00000000-0000-4000-8000-000000000001';
const WS_OTHER = '00000000-0000-4000-8000-000000000002';

function scopedKey() {
  // An API key of an org admin restricted to one workspace.
  return createSubject({
    id: ALICE,
    roles: ['member', { name: 'organization-admin', org: ORG }],
    scope: { scopes: ['coder:all'], allowList: [{ type: 'workspace', id: WS_ALLOWED }] },
  } as never);
}

describe('compile() view does not expose the engine state', () => {
  it('writing the view allowList index does not widen the allow list (authorize)', () => {
    const authz = createAuthorizer();
    const key = scopedKey();
    const other = object('workspace').withId(WS_OTHER).withOwner(BOB).inOrg(ORG);
    expect(authz.authorize(key, 'read', other)).toBe(false);
    const view = authz.compile(key) as unknown as { allowList: { all: boolean } };
    try {
      (view.allowList as { all: boolean }).all = true; // the view is "frozen"; its index is not
    } catch {
      /* a real read-only view would throw or ignore */
    }
    expect(authz.authorize(key, 'read', other)).toBe(false);
  });

  it('writing the view allowListPredicates map does not widen the SQL filter (prepare)', () => {
    const authz = createAuthorizer();
    const key = scopedKey();
    const view = authz.compile(key);
    try {
      view.allowListPredicates.set('workspace', { op: 'true' });
    } catch {
      /* ignore */
    }
    const predicate = authz.prepare(key, 'read', 'workspace');
    // The allow list must still restrict to WS_ALLOWED: the predicate must not admit WS_OTHER.
    expect(JSON.stringify(predicate)).toContain(WS_ALLOWED);
  });
});

// The same hole end to end: an API key limited to one of its owner's workspaces lists them all
// once some component holding the authorizer wrote into compile(key).allowListPredicates.
import { afterAll, beforeAll } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import {
  createMember,
  createOrganization,
  createTemplate,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';

describe('compile() view: a scoped API key through the authorized store', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase();
  });
  afterAll(() => database.close());

  it('lists only the allow-listed workspace after a write into the view', async () => {
    const org = await createOrganization(database.db);
    const user = await createUser(database.db);
    await createMember(database.db, { organizationId: org.id, userId: user.id });
    const template = await createTemplate(database.db, { organizationId: org.id });
    const mine = await createWorkspace(database.db, {
      organizationId: org.id,
      ownerId: user.id,
      templateId: template.id,
    });
    const other = await createWorkspace(database.db, {
      organizationId: org.id,
      ownerId: user.id,
      templateId: template.id,
    });
    const authorizer = createAuthorizer();
    const store = createAuthorizedStore(createRawStore(database.db), { authorizer });
    const key = createSubject({
      id: user.id,
      roles: [
        'member',
        { name: 'organization-member', org: org.id },
        { name: 'organization-workspace-access', org: org.id },
      ],
      scope: { scopes: ['coder:all'], allowList: [{ type: 'workspace', id: mine.id }] },
    } as never);
    // A diagnostics component compiles the subject ("read-only", frozen view) and writes into it.
    authorizer.compile(key).allowListPredicates.set('workspace', { op: 'true' });
    const rows = await store.as(key).listWorkspaces({ templateId: template.id });
    expect(rows.map((w) => w.id)).not.toContain(other.id);
  });
});
