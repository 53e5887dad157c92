import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createOrganization, createUser } from '../support/factories/index.ts';

// Attack: the store validates an input when it is called, then authorizes (which may wait on
// lookups), then writes. A caller keeping a reference to a nested JSON object or a byte array of
// its own input could change it in between, after the bounds were checked: an oversized or
// different value would be written. What was checked must be what is written.

const database = databaseForFile();
let store: AuthorizedStore;
let org: Organization;

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  org = await createOrganization(database.db);
});

describe('an input changed by its caller after the call began', () => {
  it('writes the JSON that was validated, not what the caller put there afterwards', async () => {
    const diff = { name: { before: 'a', after: 'b' } };
    const call = store.asSystemRestricted().insertAuditLog({
      organizationId: org.id,
      action: 'create',
      resourceType: 'workspace',
      resourceId: randomUUID(),
      statusCode: 201,
      diff,
    });
    diff.name.after = 'x'.repeat(1_000_000); // far past the JSON size bound
    const row = await call;
    expect(row.diff).toEqual({ name: { before: 'a', after: 'b' } });
  });

  it('writes the bytes that were validated, not what the caller put there afterwards', async () => {
    const data = Buffer.from('validated');
    const call = store.asSystemRestricted().insertApiKey({
      id: randomUUID().replaceAll('-', '').slice(0, 10),
      hashedSecret: data,
      userId: (await createUser(database.db)).id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    data.write('tampered!');
    const key = await call;
    const stored = await createRawStore(database.db).getApiKeyById({ id: key.id });
    expect(stored.hashedSecret.toString()).toBe('validated');
  });
});
