import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { runAs } from '../../src/dbauthz/actor-scope.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { hasErrorCode } from '../../src/rbac/errors.ts';
import type { RoleRef, Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization, createUser } from '../support/factories/index.ts';

// Attacks on "what was checked is what acts": a subject changed after it was bound, and an actor
// scope outliving the request that opened it.

const database = databaseForFile();
let store: AuthorizedStore;
let acme: Organization;
let admin: User; // a site user admin
let target: User;

/** A plain, mutable subject object, as an app might build by hand. */
function plainSubject(
  user: User,
  roles: RoleRef[],
): { -readonly [K in keyof Subject]: Subject[K] } {
  return { id: user.id, roles: [...roles], groups: [], scope: 'coder:all' };
}

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  acme = await createOrganization(database.db);
  admin = await createUser(database.db);
  target = await createUser(database.db);
  await createMember(database.db, { userId: target.id, organizationId: acme.id });
});

describe('a bound subject cannot change under the store', () => {
  it('keeps acting with the roles it had when bound, whatever the caller mutates later', async () => {
    const subject = plainSubject(admin, ['member', 'user-admin']);
    const bound = store.as(subject as Subject);
    // Mutating the caller's object after binding: a user admin "becoming" owner.
    (subject.roles as RoleRef[]).push('owner');
    (subject as { id: string }).id = target.id;
    await expect(bound.updateUserRoles({ id: admin.id, roles: ['owner'] })).rejects.toBeForbidden();
    expect(bound.actor?.id).toBe(admin.id);
    expect(bound.actor?.roles).toEqual(['member', 'user-admin']);
    expect(Object.isFrozen(bound.actor?.roles)).toBe(true);
    const stored = await createRawStore(database.db).getUserById({ id: admin.id });
    expect(stored.rbacRoles).toEqual([]);
  });

  it('snapshots a subject bound through runAs the same way', async () => {
    const subject = plainSubject(admin, ['member', 'user-admin']);
    await runAs(subject as Subject, async () => {
      (subject.roles as RoleRef[]).push('owner');
      await expect(
        store.updateUserRoles({ id: admin.id, roles: ['owner'] }),
      ).rejects.toBeForbidden();
    });
  });
});

describe('a runAs scope ends when its function settles', () => {
  it('gives a timer registered inside the scope no actor once the scope has ended', async () => {
    const owner = plainSubject(admin, ['member', 'owner']);
    let later: Promise<unknown> | undefined;
    const inside = await runAs(owner as Subject, async () => {
      later = sleep(20).then(() => store.getUserById({ id: target.id }));
      return (await store.getUserById({ id: target.id })).id;
    });
    expect(inside).toBe(target.id);
    const error = await later?.catch((e: unknown) => e);
    expect(hasErrorCode(error, 'no_actor')).toBe(true);
  });

  it('ends a synchronous scope when the function returns', async () => {
    const owner = plainSubject(admin, ['member', 'owner']);
    const pending = runAs(owner as Subject, () => sleep(5).then(() => store.countUsers({})));
    const error = await pending.catch((e: unknown) => e);
    // The function returned a promise, so the scope stayed open until it settled: allowed.
    expect(error).toBeGreaterThan(0);
    let escaped: Promise<unknown> | undefined;
    runAs(owner as Subject, () => {
      escaped = sleep(5).then(() => store.countUsers({}));
    });
    expect(hasErrorCode(await escaped?.catch((e: unknown) => e), 'no_actor')).toBe(true);
  });
});
