import { randomUUID } from 'node:crypto';
import type { RawStore } from '../../../db/queries/index.ts';
import { PREBUILDS_SYSTEM_USER_ID } from '../../../db/schema/users.ts';
import { type SeededIdentity, seedIdentity } from './seed-identity.ts';
import { type SeededLogCounts, seedActivity } from './seed-logs.ts';
import { type SeededTemplate, seedTemplate } from './seed-templates.ts';
import { type SeededWorkspace, seedWorkspace } from './seed-workspace.ts';

/** Everything the demo seeded, by the part it plays in the story. */
export interface Deployment extends SeededIdentity {
  readonly templates: {
    /** acme, shared with everyone in acme (Everyone group ACL). */
    readonly dockerDev: SeededTemplate;
    /** acme, shared only with the `frontend` group. */
    readonly gpuBox: SeededTemplate;
    /** globex, shared with everyone in globex. */
    readonly globexDev: SeededTemplate;
  };
  readonly workspaces: {
    /** mia's running workspace, shared read-only with max through its user ACL. */
    readonly miaDev: SeededWorkspace;
    /** bella's dormant workspace. */
    readonly bellaOld: SeededWorkspace;
    /** A prebuilt workspace owned by the prebuilds system user, waiting to be claimed. */
    readonly prebuilt: SeededWorkspace;
    /** gina's workspace in the other organization. */
    readonly ginaDev: SeededWorkspace;
  };
  /** Row counts per organization, for the summary. */
  readonly counts: { readonly acme: SeededLogCounts; readonly globex: SeededLogCounts };
}

/**
 * Seeds the demo deployment through the raw store (no authorization: this is the fixture; the
 * story is told through the authorized store). `step` is called before each slow part.
 */
export async function seedDeployment(
  raw: RawStore,
  step: (what: string) => void = () => {},
): Promise<Deployment> {
  step('organizations, users, memberships and groups');
  const identity = await seedIdentity(raw);
  const { acme, globex, people, frontend } = identity;
  await raw.insertOrganizationMember({ organizationId: acme.id, userId: PREBUILDS_SYSTEM_USER_ID });
  const acmeDaemon = await raw.upsertProvisionerDaemon({
    organizationId: acme.id,
    name: 'acme-daemon-1',
    provisioners: ['terraform'],
  });
  const globexDaemon = await raw.upsertProvisionerDaemon({
    organizationId: globex.id,
    name: 'globex-daemon-1',
    provisioners: ['terraform'],
  });

  step('templates and versions (provisioner import jobs)');
  const everyone = (orgId: string) => ({ [orgId]: ['read', 'use'] });
  const templates = {
    dockerDev: await seedTemplate(raw, {
      org: acme,
      author: people.templateAdmin,
      workerId: acmeDaemon.id,
      name: 'docker-dev',
      groupAcl: everyone(acme.id),
    }),
    gpuBox: await seedTemplate(raw, {
      org: acme,
      author: people.templateAdmin,
      workerId: acmeDaemon.id,
      name: 'gpu-box',
      groupAcl: { [frontend.id]: ['read', 'use'] },
    }),
    globexDev: await seedTemplate(raw, {
      org: globex,
      author: people.otherOrgMember,
      workerId: globexDaemon.id,
      name: 'globex-dev',
      groupAcl: everyone(globex.id),
    }),
  };

  step('workspaces and builds with provisioner state');
  const acmeWorker = acmeDaemon.id;
  const workspaces = {
    miaDev: await seedWorkspace(raw, {
      ownerId: people.member.id,
      template: templates.gpuBox,
      name: 'mia-dev',
      workerId: acmeWorker,
    }),
    bellaOld: await seedWorkspace(raw, {
      ownerId: people.bannedMember.id,
      template: templates.dockerDev,
      name: 'bella-old',
      workerId: acmeWorker,
      dormant: true,
    }),
    prebuilt: await seedWorkspace(raw, {
      ownerId: PREBUILDS_SYSTEM_USER_ID,
      template: templates.dockerDev,
      name: 'prebuild-7f3a',
      workerId: acmeWorker,
    }),
    ginaDev: await seedWorkspace(raw, {
      ownerId: people.otherOrgMember.id,
      template: templates.globexDev,
      name: 'gina-dev',
      workerId: globexDaemon.id,
    }),
  };
  await raw.updateWorkspaceAcl({
    id: workspaces.miaDev.workspace.id,
    userAcl: { [people.memberNoAccess.id]: ['read'] },
    groupAcl: {},
  });

  step('connection, boundary and audit logs; user secrets');
  const counts = {
    acme: await seedActivity(raw, { ws: workspaces.miaDev, owner: people.member, recent: 3 }),
    globex: await seedActivity(raw, {
      ws: workspaces.ginaDev,
      owner: people.otherOrgMember,
      recent: 2,
    }),
  };
  await raw.upsertBoundaryUsageStats({
    replicaId: randomUUID(),
    uniqueWorkspacesCount: 2,
    uniqueUsersCount: 2,
    allowedRequests: 40,
    deniedRequests: 3,
  });
  await raw.createUserSecret({
    userId: people.member.id,
    name: 'github-token',
    value: 'ghp_demo_not_real',
    envName: 'GITHUB_TOKEN',
  });
  await raw.createUserSecret({
    userId: people.owner.id,
    name: 'aws-key',
    value: 'AKIA_demo_not_real',
    envName: 'AWS_ACCESS_KEY_ID',
  });
  return { ...identity, templates, workspaces, counts };
}
