import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization, createUser } from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Attack: the store validates an input when it is called, then authorizes (which may wait on
// lookups), then writes. A caller keeping a reference to a nested JSON object or a byte array of
// its own input could change it in between, after the bounds were checked: an oversized or
// different value would be written. What was checked must be what is written.

const database = databaseForFile();
let store: AuthorizedStore;
let org: Organization;
let attacker: User;
let victim: User;

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  org = await createOrganization(database.db);
  attacker = await createUser(database.db);
  victim = await createUser(database.db);
  await createMember(database.db, { organizationId: org.id, userId: attacker.id });
  await createMember(database.db, { organizationId: org.id, userId: victim.id });
});

const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');

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

describe('a date changed by its caller after the call began', () => {
  it('writes the date that was validated', async () => {
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    const call = store.asSystemRestricted().insertApiKey({
      id: randomUUID().replaceAll('-', '').slice(0, 10),
      hashedSecret: Buffer.from('secret'),
      userId: attacker.id,
      expiresAt,
    });
    expiresAt.setUTCFullYear(2999);
    const key = await call;
    const stored = await createRawStore(database.db).getApiKeyById({ id: key.id });
    expect(stored.expiresAt.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe('an input whose own properties answer differently each time they are read', () => {
  it('measures a Buffer by its real length, not an own length property', async () => {
    const raw = createRawStore(database.db, { maxFileBytes: 1024 });
    const asAttacker = createAuthorizedStore(raw).as(memberOf(attacker.id, org.id));
    const big = Buffer.alloc(200_000, 0x41);
    Object.defineProperty(big, 'length', { get: () => 10 });
    const data = { hash: hash(Buffer.from(randomUUID())), createdBy: attacker.id };
    await expect(
      asAttacker.insertFile({ ...data, mimetype: 'application/x-tar', data: big }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'data' });
  });

  it('writes no JSON past the bound, whatever a nested getter answers the next time', async () => {
    let reads = 0;
    const inner = {};
    Object.defineProperty(inner, 'after', {
      enumerable: true,
      get: () => (reads++ < 2 ? 'b' : 'x'.repeat(1_000_000)),
    });
    const outcome = await store
      .asSystemRestricted()
      .insertAuditLog({
        organizationId: org.id,
        action: 'create',
        resourceType: 'workspace',
        resourceId: randomUUID(),
        statusCode: 201,
        diff: { name: inner },
      })
      .then(
        (row) => JSON.stringify(row.diff).length,
        (error: { code?: string }) => error.code,
      );
    expect(outcome === 'invalid_input' || (typeof outcome === 'number' && outcome < 1_000)).toBe(
      true,
    );
  });

  it("checks and writes one reading of a field, through an application's plain wrapper", async () => {
    const raw = createRawStore(database.db);
    // An application's own wrapper (a plain function: no input schema the store could use).
    const wrapped = {
      ...raw,
      insertApiKey: ((input: Parameters<RawStore['insertApiKey']>[0]) =>
        raw.insertApiKey(input)) as RawStore['insertApiKey'],
    } as RawStore;
    Object.defineProperty(wrapped, 'onPrimary', { value: () => wrapped });
    const asAttacker = createAuthorizedStore(wrapped).as(memberOf(attacker.id, org.id));
    const input: Record<string, unknown> = {
      id: randomUUID().replaceAll('-', '').slice(0, 12),
      hashedSecret: Buffer.from('s'),
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    // The attacker's own id for the check, the victim's once zod validates it in the raw method.
    Object.defineProperty(input, 'userId', {
      enumerable: true,
      get: () => (new Error().stack?.includes('safeParse') ? victim.id : attacker.id),
    });
    const key = await asAttacker.insertApiKey(input as never);
    expect(key.userId).toBe(attacker.id);
  });

  it("runs an application's Proxy around a raw query on every call", async () => {
    const raw = createRawStore(database.db);
    let trapped = 0;
    const readOnly = new Proxy(raw.insertFile, {
      apply() {
        trapped += 1;
        return Promise.reject(new Error('read-only maintenance mode'));
      },
    });
    const asAttacker = createAuthorizedStore({ ...raw, insertFile: readOnly } as RawStore).as(
      memberOf(attacker.id, org.id),
    );
    const data = { hash: hash(Buffer.from(randomUUID())), createdBy: attacker.id };
    await expect(
      asAttacker.insertFile({ ...data, mimetype: 'text/plain', data: Buffer.from('x') }),
    ).rejects.toThrow('read-only maintenance mode');
    expect(trapped).toBe(1);
  });
});

describe('inputs that are not plain data', () => {
  const keyId = () => randomUUID().replaceAll('-', '').slice(0, 12);
  const keyInput = () => ({
    id: keyId(),
    hashedSecret: Buffer.from('s'),
    userId: attacker.id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const codeOf = (call: Promise<unknown>) =>
    call.then(
      () => 'answered',
      (error: { code?: string; message?: string }) => error.code ?? String(error.message),
    );

  /** The store over a raw store whose insertApiKey is an application's plain wrapper. */
  function wrappedStore(extra?: object) {
    const raw = createRawStore(database.db);
    const wrapper = ((input: Parameters<RawStore['insertApiKey']>[0]) =>
      raw.insertApiKey(input)) as RawStore['insertApiKey'];
    if (extra !== undefined) Object.assign(wrapper, extra);
    const wrapped = { ...raw, insertApiKey: wrapper } as RawStore;
    Object.defineProperty(wrapped, 'onPrimary', { value: () => wrapped });
    return createAuthorizedStore(wrapped).as(memberOf(attacker.id, org.id));
  }

  /** An input whose userId is the attacker's for the check and the victim's once zod parses it. */
  function doubleFacedInput(): Record<string, unknown> {
    const input: Record<string, unknown> = { ...keyInput() };
    delete input.userId;
    Object.defineProperty(input, 'userId', {
      enumerable: true,
      get: () => (new Error().stack?.includes('safeParse') ? victim.id : attacker.id),
    });
    return input;
  }

  it('refuses a class instance through a plain wrapper instead of passing it on', async () => {
    class Input {
      id = keyId();
      hashedSecret = Buffer.from('s');
      expiresAt = new Date(Date.now() + 3_600_000);
      get userId() {
        return new Error().stack?.includes('safeParse') ? victim.id : attacker.id;
      }
    }
    expect(await codeOf(wrappedStore().insertApiKey(new Input() as never))).toBe('invalid_input');
  });

  it("ignores a schema of the wrapper's own that validates nothing", async () => {
    const asAttacker = wrappedStore({ input: z.any() });
    const key = await asAttacker.insertApiKey(doubleFacedInput() as never);
    expect(key.userId).toBe(attacker.id);
  });

  it('answers look-alike buffers and dates with invalid_input, not a TypeError', async () => {
    const asAttacker = store.as(memberOf(attacker.id, org.id));
    const fakeBuffer = Object.create(Buffer.prototype) as Buffer;
    const proxiedBuffer = new Proxy(Buffer.from('s'), {});
    const fakeDate = Object.create(Date.prototype) as Date;
    expect(
      await Promise.all([
        codeOf(asAttacker.insertApiKey({ ...keyInput(), hashedSecret: fakeBuffer })),
        codeOf(asAttacker.insertApiKey({ ...keyInput(), hashedSecret: proxiedBuffer })),
        codeOf(asAttacker.insertApiKey({ ...keyInput(), expiresAt: fakeDate })),
        codeOf(wrappedStore().insertApiKey({ ...keyInput(), hashedSecret: fakeBuffer })),
      ]),
    ).toEqual(['invalid_input', 'invalid_input', 'invalid_input', 'invalid_input']);
  });

  it('answers JSON whose array length cannot be read as a number with invalid_input', async () => {
    const odd = new Proxy([], {
      get: (target, key) => (key === 'length' ? Symbol('length') : Reflect.get(target, key)),
    });
    const call = store.asSystemRestricted().insertAuditLog({
      organizationId: org.id,
      action: 'create',
      resourceType: 'workspace',
      resourceId: randomUUID(),
      statusCode: 201,
      diff: { a: odd },
    });
    expect(await codeOf(call)).toBe('invalid_input');
  });

  it('refuses a snapshot past its size bound: shared references, a sparse array', async () => {
    let shared: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 22; i++) shared = { a: shared, b: shared };
    const sparse: unknown[] = [];
    sparse.length = 30_000_000;
    const asAttacker = wrappedStore();
    const messages = await Promise.all(
      [[shared], sparse].map((scopes) =>
        asAttacker.insertApiKey({ ...keyInput(), scopes } as never).then(
          () => 'answered',
          (error: Error) => error.message,
        ),
      ),
    );
    expect(messages).toEqual([
      'invalid input: more than 100000 values',
      'invalid input: more than 100000 values',
    ]);
  });
});
