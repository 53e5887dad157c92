import type { User } from '../../../db/types.ts';
import type { AuthorizedStore } from '../../dbauthz/authorized-store.ts';
import type { Deployment } from '../seed/seed-deployment.ts';

/** One column of the permission matrix: an operation run through the authorized store. */
export interface Operation {
  /** Column header. */
  readonly header: string;
  /** What the column means, for the legend. */
  readonly legend: string;
  /** Runs the operation as `me`; a number is shown as is (rows seen), anything else as "yes". */
  run(store: AuthorizedStore, d: Deployment, me: User): Promise<unknown>;
}

const NINETY_DAYS = 90 * 86_400_000;

/** The representative operations of the demo, in column order. */
export const operations: readonly Operation[] = [
  {
    header: 'workspaces',
    legend: 'listWorkspaces: how many workspaces the SQL filter lets me see (of 4)',
    run: (store) => store.listWorkspaces({}).then((rows) => rows.length),
  },
  {
    header: 'read gpu-box',
    legend: 'getTemplateById: the gpu-box template, shared with the frontend group by ACL',
    run: (store, d) => store.getTemplateById({ id: d.templates.gpuBox.template.id }),
  },
  {
    header: 'create ws',
    legend: 'insertWorkspace: a workspace of my own in acme from docker-dev (shared with Everyone)',
    run: (store, d, me) =>
      store.insertWorkspace({
        ownerId: me.id,
        organizationId: d.acme.id,
        templateId: d.templates.dockerDev.template.id,
        name: `${me.username}-new`,
      }),
  },
  {
    header: 'start mia-dev',
    legend:
      "insertWorkspaceBuild: a start build of mia's workspace (the job is made by asWorkspaceBuilder)",
    run: async (store, d, me) => {
      const { workspace, build } = d.workspaces.miaDev;
      const job = await store.asWorkspaceBuilder().insertProvisionerJob({
        organizationId: workspace.organizationId,
        initiatorId: me.id,
        type: 'workspace_build',
      });
      return store.insertWorkspaceBuild({
        workspaceId: workspace.id,
        templateVersionId: build.templateVersionId,
        transition: 'start',
        initiatorId: me.id,
        jobId: job.id,
      });
    },
  },
  {
    header: 'prov. state',
    legend: "getProvisionerStateByBuildId: mia-dev's Terraform state (template update required)",
    run: (store, d) => store.getProvisionerStateByBuildId({ id: d.workspaces.miaDev.build.id }),
  },
  {
    header: "mia's secret",
    legend: "getUserSecretByName: mia's github-token (only mia herself)",
    run: (store, d) =>
      store.getUserSecretByName({ userId: d.people.member.id, name: 'github-token' }),
  },
  {
    header: 'conn. logs',
    legend: 'countConnectionLogs: how many connection logs I may read (of 7: 4 acme, 3 globex)',
    run: (store) => store.countConnectionLogs({}),
  },
  {
    header: 'purge logs',
    legend:
      'deleteConnectionLogsOlderThan: 90 days (checked as system delete: the purge actor, or an owner)',
    run: (store) =>
      store.deleteConnectionLogsOlderThan({ before: new Date(Date.now() - NINETY_DAYS) }),
  },
];
