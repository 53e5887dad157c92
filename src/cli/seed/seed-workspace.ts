import type { RawStore } from '../../../db/queries/index.ts';
import type { Workspace, WorkspaceAgent, WorkspaceBuild } from '../../../db/types.ts';
import { runJob, type SeededTemplate } from './seed-templates.ts';

/** A workspace with its latest (start) build and, when it runs, its agent. */
export interface SeededWorkspace {
  readonly workspace: Workspace;
  readonly build: WorkspaceBuild;
  readonly agent: WorkspaceAgent;
}

/** A fake Terraform state of `bytes` bytes (real ones are 1-5 MB; the demo keeps them small). */
function terraformState(workspace: string, bytes: number): Buffer {
  const head = JSON.stringify({ version: 4, terraform_version: '1.9.0', workspace, resources: [] });
  return Buffer.concat([Buffer.from(head), Buffer.alloc(Math.max(0, bytes - head.length), 32)]);
}

/**
 * A workspace of `ownerId` from `template`, started by a succeeded build that stored provisioner
 * state and registered an agent; `dormant` marks it dormant afterwards.
 */
export async function seedWorkspace(
  raw: RawStore,
  input: {
    ownerId: string;
    template: SeededTemplate;
    name: string;
    workerId: string;
    dormant?: boolean;
    stateBytes?: number;
  },
): Promise<SeededWorkspace> {
  const { template, version } = input.template;
  let workspace = await raw.insertWorkspace({
    ownerId: input.ownerId,
    organizationId: template.organizationId,
    templateId: template.id,
    name: input.name,
  });
  const job = await runJob(raw, {
    organizationId: template.organizationId,
    initiatorId: input.ownerId,
    workerId: input.workerId,
    type: 'workspace_build',
  });
  const build = await raw.insertWorkspaceBuild({
    workspaceId: workspace.id,
    templateVersionId: version.id,
    transition: 'start',
    initiatorId: input.ownerId,
    jobId: job.id,
    provisionerState: terraformState(input.name, input.stateBytes ?? 64 * 1024),
  });
  const { agent } = await raw.insertWorkspaceAgent({
    buildId: build.id,
    name: 'main',
    operatingSystem: 'linux',
    architecture: 'amd64',
  });
  if (input.dormant) {
    workspace = await raw.updateWorkspaceDormantAt({
      id: workspace.id,
      dormantAt: new Date(Date.now() - 30 * 86_400_000),
    });
  }
  return { workspace, build, agent };
}
