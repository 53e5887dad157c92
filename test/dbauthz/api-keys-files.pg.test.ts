import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { ForbiddenError } from '../../src/rbac/errors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createApiKey,
  createFile,
  createMember,
  createOrganization,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let alice: User;
let bob: User;

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db, { name: 'acme' });
  alice = await createUser(database.db, { username: 'alice' });
  bob = await createUser(database.db, { username: 'bob' });
  await createMember(database.db, { organizationId: acme.id, userId: alice.id });
  await createMember(database.db, { organizationId: acme.id, userId: bob.id });
});

describe('API keys', () => {
  it("keeps another user's key invisible: not readable, not listed, not deletable", async () => {
    const mine = await createApiKey(database.db, { userId: alice.id });
    const theirs = await createApiKey(database.db, { userId: bob.id });
    const asAlice = store.as(memberOf(alice.id, acme.id));
    expect((await asAlice.getApiKeyById({ id: mine.id })).id).toBe(mine.id);
    const denied = await asAlice.getApiKeyById({ id: theirs.id }).catch((e: unknown) => e);
    const missing = await asAlice.getApiKeyById({ id: 'nosuchkey00' }).catch((e: unknown) => e);
    expect([denied, missing].map((e) => e instanceof ForbiddenError)).toEqual([true, true]);
    expect((await asAlice.listApiKeysByUser({ userId: alice.id })).map((k) => k.id)).toEqual([
      mine.id,
    ]);
    expect(await asAlice.listApiKeysByUser({ userId: bob.id })).toEqual([]);
    expect(await asAlice.countApiKeysByUser({ userId: bob.id })).toBe(0);
    await expect(asAlice.deleteApiKey({ id: theirs.id })).rejects.toBeForbidden();
    expect((await raw.getApiKeyById({ id: theirs.id })).userId).toBe(bob.id);
  });

  it('lets a user create keys for themselves only; the system actor reads any key and records use', async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id));
    const base = { hashedSecret: Buffer.from('secret'), expiresAt: new Date('2100-01-01') };
    const key = await asAlice.insertApiKey({ ...base, id: 'alicekey0001', userId: alice.id });
    await expect(
      asAlice.insertApiKey({ ...base, id: 'forbobkey001', userId: bob.id }),
    ).rejects.toBeForbidden();
    expect(await raw.countApiKeysByUser({ userId: bob.id })).toBe(1);
    const system = store.asSystemRestricted();
    expect((await system.getApiKeyById({ id: key.id })).userId).toBe(alice.id);
    const used = new Date('2030-01-01T00:00:00Z');
    expect((await system.updateApiKeyLastUsed({ id: key.id, lastUsed: used })).lastUsed).toEqual(
      used,
    );
    await expect(system.deleteApiKey({ id: key.id })).rejects.toBeForbidden();
  });
});

describe('files', () => {
  it('lets a member upload as themselves only and read their own file', async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id));
    const input = { hash: 'a'.repeat(64), mimetype: 'application/x-tar', data: Buffer.from('tar') };
    const file = await asAlice.insertFile({ ...input, createdBy: alice.id });
    await expect(asAlice.insertFile({ ...input, createdBy: bob.id })).rejects.toBeForbidden();
    expect((await asAlice.getFileById({ id: file.id })).data).toEqual(Buffer.from('tar'));
    await expect(
      store.as(memberOf(bob.id, acme.id)).getFileById({ id: file.id }),
    ).rejects.toBeForbidden();
  });

  it('lets a template admin read a file used by a template it may update; a member cannot', async () => {
    const file = await createFile(database.db, { createdBy: bob.id });
    const job = await createProvisionerJob(database.db, {
      organizationId: acme.id,
      initiatorId: bob.id,
      fileId: file.id,
      status: 'succeeded',
    });
    const template = await createTemplate(database.db, {
      organizationId: acme.id,
      createdBy: bob.id,
    });
    await createTemplateVersion(database.db, {
      organizationId: acme.id,
      createdBy: bob.id,
      templateId: template.id,
      jobId: job.id,
    });
    const templateAdmin = await createUser(database.db);
    await createMember(database.db, { organizationId: acme.id, userId: templateAdmin.id });
    const asAdmin = store.as(memberOf(templateAdmin.id, acme.id, ['organization-template-admin']));
    expect((await asAdmin.getFileById({ id: file.id })).id).toBe(file.id);
    await expect(
      store.as(memberOf(alice.id, acme.id)).getFileById({ id: file.id }),
    ).rejects.toBeForbidden();
    const otherOrg = await createOrganization(database.db);
    const outsider = store.as(memberOf(alice.id, otherOrg.id, ['organization-template-admin']));
    await expect(outsider.getFileById({ id: file.id })).rejects.toBeForbidden();
  });
});
