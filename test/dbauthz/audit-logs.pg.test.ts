import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { AuditLog, Organization } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { RoleName, Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createAuditLog, createOrganization } from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let globex: Organization;
let acmeEntries: AuditLog[];
let globexEntries: AuditLog[];
let siteEntries: AuditLog[];

const member = randomUUID();
const actor = (roles: RoleName[], id: string = randomUUID()): Subject =>
  createSubject({ id, roles });
const inOrg = (org: Organization, name: string, id: string = randomUUID()) =>
  memberOf(id, org.id, [name]);
const ids = (entries: readonly AuditLog[]) => entries.map((e) => e.id);
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute));

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db);
  globex = await createOrganization(database.db);
  const entry = (minute: number, org: Organization | null) =>
    createAuditLog(database.db, {
      time: at(minute),
      userId: member,
      organizationId: org?.id ?? null,
    });
  acmeEntries = [await entry(4, acme), await entry(3, acme)];
  globexEntries = [await entry(2, globex)];
  siteEntries = [await entry(1, null)];
});

describe('audit logs through the authorized store', () => {
  it('lists and counts only their org for an org auditor or org admin; site-wide entries stay hidden', async () => {
    const auditor = store.as(inOrg(acme, 'organization-auditor'));
    expect(ids(await auditor.listAuditLogs({}))).toEqual(ids(acmeEntries));
    expect(await auditor.countAuditLogs({})).toBe(2);
    const admin = store.as(inOrg(globex, 'organization-admin'));
    expect(ids(await admin.listAuditLogs({}))).toEqual(ids(globexEntries));
    expect(await admin.countAuditLogs({ userId: member })).toBe(1);
  });

  it('lists every entry, site-wide ones included, to a site auditor and a site owner', async () => {
    const all = ids([...acmeEntries, ...globexEntries, ...siteEntries]);
    for (const roles of [['auditor'], ['owner']]) {
      expect(ids(await store.as(actor(roles)).listAuditLogs({}))).toEqual(all);
      expect(await store.as(actor(roles)).countAuditLogs({})).toBe(4);
    }
  });

  it('shows a member none, not even the entries of their own actions', async () => {
    const self = store.as(inOrg(acme, 'organization-workspace-access', member));
    expect(await self.listAuditLogs({ userId: member })).toEqual([]);
    expect(await self.countAuditLogs({})).toBe(0);
  });

  it('lets the system plumbing and a site owner append entries; an org admin and a member cannot', async () => {
    const input = (resourceId: string) => ({
      time: at(10),
      organizationId: acme.id,
      action: 'delete' as const,
      resourceType: 'workspace',
      resourceId,
      statusCode: 200,
    });
    for (const subject of [inOrg(acme, 'organization-admin'), inOrg(acme, 'organization-member')]) {
      await expect(store.as(subject).insertAuditLog(input(randomUUID()))).rejects.toBeForbidden();
    }
    expect(await raw.countAuditLogs({ since: at(10) })).toBe(0);
    const bySystem = await store.asSystemRestricted().insertAuditLog(input(randomUUID()));
    const byOwner = await store.as(actor(['owner'])).insertAuditLog(input(randomUUID()));
    expect(ids(await raw.listAuditLogs({ since: at(10) })).sort()).toEqual(
      [bySystem.id, byOwner.id].sort(),
    );
  });
});
