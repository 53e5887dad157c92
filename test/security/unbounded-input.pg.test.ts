import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createDatabase } from '../../db/database.ts';
import { BOUNDS } from '../../db/queries/bounds.ts';
import { inputSchemaOf } from '../../db/queries/define.ts';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/index.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization, createUser } from '../support/factories/index.ts';

// Attack: no string or byte field had a maximum. A role-less subject made PostgreSQL spend seconds
// on a 48 MB username lookup before authorization ran, a member stored a 64 MB file and a 32 MB
// hashed secret, and a 20,000-deep JSON job input raised an untyped RangeError. Every field now
// has a bound (db/queries/bounds.ts, listed in db/README.md); over it is `invalid_input` naming
// the field, raised before any statement reaches PostgreSQL, and nothing is written.

const MIB = 1024 * 1024;

const database = databaseForFile();
let counted: postgres.Sql;
let statements = 0;
let store: AuthorizedStore;
let org: Organization;
let alice: User;

beforeAll(async () => {
  // The store under attack runs on its own client, which counts every statement it sends.
  counted = postgres(database.url, {
    max: 2,
    onnotice: () => {},
    debug: () => {
      statements += 1;
    },
  });
  store = createAuthorizedStore(createRawStore(createDatabase(counted)));
  org = await createOrganization(database.db);
  alice = await createUser(database.db);
  await createMember(database.db, { userId: alice.id, organizationId: org.id });
});
afterAll(async () => {
  await counted.end({ timeout: 5 });
});

const rowCount = async (table: string) =>
  Number((await database.client`select count(*)::int as n from ${database.client(table)}`)[0]?.n);

/** Runs `call`, expects `invalid_input` naming `field`, and that no statement was sent for it. */
async function refusedBeforeAnyQuery(call: () => Promise<unknown>, field: string) {
  const before = statements;
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'invalid_input', field });
  expect(statements - before).toBe(0);
}

/** `{ a: { a: ... } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

const asAlice = async () => store.as(await buildSubject(store, alice.id));
const jobInput = (input: unknown) => ({
  organizationId: org.id,
  initiatorId: alice.id,
  type: 'template_version_import' as const,
  input: input as Record<string, unknown>,
});

describe('oversized input is invalid_input before any query', () => {
  it('refuses a role-less subject a 48 MB username lookup without asking PostgreSQL', async () => {
    const roleless = store.as(createSubject({ id: randomUUID(), roles: [], groups: [] }));
    await refusedBeforeAnyQuery(
      () => roleless.getUserByUsername({ username: 'a'.repeat(48 * MIB) }),
      'username',
    );
    await refusedBeforeAnyQuery(
      () => roleless.getUserByUsername({ username: 'a'.repeat(BOUNDS.NAME_MAX + 1) }),
      'username',
    );
    // At the bound the lookup runs, and a role-less subject is simply refused.
    const before = statements;
    await expect(
      roleless.getUserByUsername({ username: 'a'.repeat(BOUNDS.NAME_MAX) }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(statements).toBeGreaterThan(before);
  });

  it("refuses a member's 64 MB file and stores nothing", async () => {
    const store = await asAlice();
    const files = await rowCount('files');
    const file = (data: Buffer) => ({
      hash: 'ab'.repeat(32),
      createdBy: alice.id,
      mimetype: 'application/x-tar',
      data,
    });
    await refusedBeforeAnyQuery(() => store.insertFile(file(Buffer.alloc(64 * MIB))), 'data');
    await refusedBeforeAnyQuery(
      () => store.insertFile(file(Buffer.alloc(BOUNDS.DEFAULT_MAX_FILE_BYTES + 1))),
      'data',
    );
    expect(await rowCount('files')).toBe(files);
  });

  it('applies the file cap the raw store was created with', async () => {
    const capped = createAuthorizedStore(
      createRawStore(createDatabase(counted), { maxFileBytes: 1024 }),
    );
    const member = capped.as(await buildSubject(capped, alice.id));
    const file = (data: Buffer) => ({
      hash: randomUUID().replaceAll('-', '').repeat(2),
      createdBy: alice.id,
      mimetype: 'text/plain',
      data,
    });
    await refusedBeforeAnyQuery(() => member.insertFile(file(Buffer.alloc(1025))), 'data');
    const stored = await member.insertFile(file(Buffer.alloc(1024, 1)));
    expect(stored.data.length).toBe(1024);
    // The cap holds inside a transaction too (which has sent its BEGIN by then, and rolls back).
    const files = await rowCount('files');
    await expect(
      member.inTx((tx) => tx.insertFile(file(Buffer.alloc(1025)))),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'data' });
    expect(await rowCount('files')).toBe(files);
  });

  it("refuses a member's 32 MB hashed secret and stores no key", async () => {
    const store = await asAlice();
    const keys = await rowCount('api_keys');
    const key = (hashedSecret: Buffer) => ({
      id: `bounded${randomUUID().slice(0, 8)}`,
      userId: alice.id,
      hashedSecret,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await refusedBeforeAnyQuery(
      () => store.insertApiKey(key(Buffer.alloc(32 * MIB))),
      'hashedSecret',
    );
    await refusedBeforeAnyQuery(
      () => store.insertApiKey(key(Buffer.alloc(BOUNDS.HASHED_SECRET_MAX_BYTES + 1))),
      'hashedSecret',
    );
    expect(await rowCount('api_keys')).toBe(keys);
    const ok = await store.insertApiKey(key(Buffer.alloc(32, 7)));
    expect(ok.userId).toBe(alice.id);
  });

  it('answers a 20,000-deep JSON job input with invalid_input, not a RangeError', async () => {
    const store = await asAlice();
    const jobs = await rowCount('provisioner_jobs');
    await refusedBeforeAnyQuery(
      () => store.insertProvisionerJob(jobInput(nested(20_000))),
      'input',
    );
    let deepArray: unknown = [];
    for (let i = 0; i < 20_000; i++) deepArray = [deepArray];
    await refusedBeforeAnyQuery(
      () => store.insertProvisionerJob(jobInput({ list: deepArray })),
      'input',
    );
    await refusedBeforeAnyQuery(
      () => store.insertProvisionerJob(jobInput(nested(BOUNDS.JSON_MAX_DEPTH + 1))),
      'input',
    );
    expect(await rowCount('provisioner_jobs')).toBe(jobs);
  });

  it('refuses cyclic, exploding and oversized JSON, and values JSON cannot carry', async () => {
    const store = await asAlice();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    // 2^30 leaves when written out, though only 31 objects in memory.
    let exploding: unknown = 'x';
    for (let i = 0; i < 30; i++) exploding = [exploding, exploding];
    const oversized = { blob: 'x'.repeat(BOUNDS.JSON_MAX_BYTES) };
    for (const input of [cyclic, { exploding }, oversized, { n: Number.NaN }, { d: new Date() }]) {
      await refusedBeforeAnyQuery(() => store.insertProvisionerJob(jobInput(input)), 'input');
    }
    const auditDiff = {
      resourceType: 'workspace',
      resourceId: randomUUID(),
      action: 'write' as const,
      statusCode: 200,
      diff: nested(20_000),
    };
    await refusedBeforeAnyQuery(() => store.asSystemRestricted().insertAuditLog(auditDiff), 'diff');
  });

  it('accepts JSON at the depth bound and stores it intact', async () => {
    const atBound = nested(BOUNDS.JSON_MAX_DEPTH);
    const job = await store.asWorkspaceBuilder().insertProvisionerJob(jobInput(atBound));
    expect(job.input).toEqual(atBound);
  });

  it('names the field of each bound that is one over, anywhere in the input', async () => {
    const member = await asAlice();
    const over = (bound: keyof typeof BOUNDS) => 'a'.repeat(BOUNDS[bound] + 1);
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['name', () => member.getOrganizationByName({ name: over('NAME_MAX') })],
      [
        'name',
        () => member.getWorkspaceByOwnerAndName({ ownerId: alice.id, name: over('NAME_MAX') }),
      ],
      [
        'displayName',
        () => member.updateOrganization({ id: org.id, displayName: over('DISPLAY_NAME_MAX') }),
      ],
      [
        'description',
        () => member.updateOrganization({ id: org.id, description: over('DESCRIPTION_MAX') }),
      ],
      ['name', () => member.updateUserProfile({ id: alice.id, name: over('USER_REAL_NAME_MAX') })],
      ['avatarUrl', () => member.updateUserProfile({ id: alice.id, avatarUrl: over('URL_MAX') })],
      [
        'value',
        () =>
          member.createUserSecret({ userId: alice.id, name: 's', value: over('LONG_TEXT_MAX') }),
      ],
      [
        'tags',
        () =>
          member.upsertProvisionerDaemon({
            organizationId: org.id,
            name: 'd',
            tags: Object.fromEntries(
              Array.from({ length: BOUNDS.TAGS_MAX + 1 }, (_, i) => [`t${i}`, 'v']),
            ),
          }),
      ],
      [
        'roles',
        () =>
          member.updateOrganizationMemberRoles({
            organizationId: org.id,
            userId: alice.id,
            roles: Array.from({ length: BOUNDS.ROLES_MAX + 1 }, (_, i) => `role-${i}`),
          }),
      ],
      [
        'userAcl',
        () =>
          member.updateWorkspaceAcl({
            id: randomUUID(),
            userAcl: Object.fromEntries(
              Array.from({ length: BOUNDS.ACL_ENTRIES_MAX + 1 }, () => [randomUUID(), ['read']]),
            ),
            groupAcl: {},
          }),
      ],
      [
        'quotaAllowance',
        () => member.updateGroup({ id: randomUUID(), quotaAllowance: BOUNDS.INT32_MAX + 1 }),
      ],
    ];
    for (const [field, call] of cases) await refusedBeforeAnyQuery(call, field);
  });
});

/** Paths of the fields in `schema` that have no bound (strings, arrays, records, bytes, JSON). */
function unboundedFields(schema: z.ZodType, path: string): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const checks = (def.checks ?? []) as Array<{ _zod: { def: { check: string } } }>;
  const has = (kind: string) => checks.some((c) => c._zod.def.check === kind);
  const inner = (key: string, at = path) => unboundedFields(def[key] as z.ZodType, at);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) =>
        unboundedFields(value, path === '' ? key : `${path}.${key}`),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return inner('innerType');
    case 'pipe':
      return inner('in');
    case 'string':
      return has('max_length') || has('length_equals') || def.format === 'guid' ? [] : [path];
    case 'array':
      return [...(has('max_length') ? [] : [path]), ...inner('element', `${path}[]`)];
    case 'record': {
      // A record is bounded by a refinement (entry count, or the JSON walk for unknown values).
      const value = def.valueType as z.ZodType;
      const bound = has('custom') ? [] : [path];
      if (value._zod.def.type === 'unknown') return bound; // JSON: the walk bounds keys and values
      return [
        ...bound,
        ...inner('keyType', `${path}{key}`),
        ...unboundedFields(value, `${path}{}`),
      ];
    }
    case 'custom':
      return has('custom') ? [] : [path]; // a Buffer with a size refinement
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => unboundedFields(option, path));
    case 'number':
      // A range, or an integer format (safe integers, which bigint columns and OFFSET hold).
      return (has('less_than') && has('greater_than')) || has('number_format') ? [] : [path];
    case 'enum':
    case 'literal':
    case 'boolean':
    case 'date':
    case 'undefined':
    case 'transform':
      return [];
    default:
      return [`${path} (${def.type}: not understood, so not known to be bounded)`];
  }
}

describe('every input field has a bound', () => {
  it('finds a bound on every string, array, record, byte and JSON field of every raw method', () => {
    const raw: RawStore = createRawStore(database.db);
    const unbounded = Object.entries(raw).flatMap(([method, fn]) => {
      if (method === 'inTx') return [];
      const schema = inputSchemaOf(fn);
      if (schema === undefined) return [`${method}: no input schema`];
      return unboundedFields(schema, '').map((field) => `${method}: ${field}`);
    });
    expect(unbounded).toEqual([]);
  });

  it('documents every bound in db/README.md with its value', () => {
    const readme = readFileSync(new URL('../../db/README.md', import.meta.url), 'utf8');
    const section = readme.split('## Input bounds')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| `([A-Z0-9_]+)` \| ([\d,]+) \|/gm)].map((m) => [
      m[1],
      Number(m[2]?.replaceAll(',', '')),
    ]);
    expect(Object.fromEntries(rows)).toEqual({ ...BOUNDS });
    expect(rows.length).toBe(Object.keys(BOUNDS).length);
  });
});
