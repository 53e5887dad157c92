import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { systemActors } from '../../src/dbauthz/system-actors/index.ts';
import { ForbiddenError } from '../../src/rbac/errors.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createBuild,
  createCustomRole,
  createMember,
  createOrganization,
  createTemplate,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';

// Attack: the Terraform state of a build (cloud credentials included) was readable with `update`
// on the build's template OR `update` on provisioner jobs in its org. The second alternative is
// meant for the store's own build actors (asWorkspaceBuilder, asProvisionerd), which hold no
// template update; but any member given a custom org role with only `provisioner_jobs: update`
// (say a CI "job canceller") read the state of every build in the org. Coder requires template
// update. The job grant now counts only for the store's system actors, recognised by identity.

const database = databaseForFile();
let store: AuthorizedStore;
let orgId: string;
let buildId: string;
const state = Buffer.from('{"secrets":{"AWS_SECRET_ACCESS_KEY":"hunter2"}}');
const missingBuild = '00000000-0000-4000-8000-00000000dead';

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  const org = await createOrganization(database.db, { defaultOrgMemberRoles: [] });
  const owner = await createUser(database.db);
  await createMember(database.db, { organizationId: org.id, userId: owner.id });
  const template = await createTemplate(database.db, { organizationId: org.id });
  const workspace = await createWorkspace(database.db, {
    organizationId: org.id,
    ownerId: owner.id,
    templateId: template.id,
  });
  const build = await createBuild(database.db, {
    workspaceId: workspace.id,
    provisionerState: state,
  });
  orgId = org.id;
  buildId = build.id;
});

/** A member of the org whose only org role is a custom one granting `provisioner_jobs: update`. */
async function jobCanceller() {
  const role = await createCustomRole(database.db, {
    organizationId: orgId,
    orgPermissions: [{ type: 'provisioner_jobs', action: 'update', negate: false }],
  });
  const user = await createUser(database.db);
  await createMember(database.db, { organizationId: orgId, userId: user.id, roles: [role.name] });
  return store.as(await buildSubject(store, user.id));
}

/** The rejection of `promise`, which must be a `ForbiddenError`. */
async function refusal(promise: Promise<unknown>): Promise<ForbiddenError> {
  const error = await promise.then(
    () => expect.fail('expected a ForbiddenError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForbiddenError);
  return error as ForbiddenError;
}

describe('getProvisionerStateByBuildId with only provisioner_jobs update', () => {
  it('refuses a member whose custom org role grants only provisioner_jobs update', async () => {
    const asCanceller = await jobCanceller();
    const denied = await refusal(asCanceller.getProvisionerStateByBuildId({ id: buildId }));
    expect(denied.code).toBe('forbidden');
  });

  it('answers that member the same for an existing build as for a missing one', async () => {
    const asCanceller = await jobCanceller();
    const denied = await refusal(asCanceller.getProvisionerStateByBuildId({ id: buildId }));
    const missing = await refusal(asCanceller.getProvisionerStateByBuildId({ id: missingBuild }));
    expect([denied.code, denied.message]).toEqual([missing.code, missing.message]);
  });

  it('refuses a copy of the workspace builder subject bound with store.as', async () => {
    const builder = systemActors.asWorkspaceBuilder;
    const copy = createSubject({
      id: builder.id,
      roles: [...builder.roles],
      groups: [],
      scope: 'coder:all',
      type: 'system',
    });
    const denied = await refusal(store.as(copy).getProvisionerStateByBuildId({ id: buildId }));
    expect(denied.code).toBe('forbidden');
  });

  it('still lets the workspace builder and the provisioner daemon read the state', async () => {
    for (const actor of [store.asWorkspaceBuilder(), store.asProvisionerd()]) {
      expect((await actor.getProvisionerStateByBuildId({ id: buildId })).provisionerState).toEqual(
        state,
      );
    }
  });
});
