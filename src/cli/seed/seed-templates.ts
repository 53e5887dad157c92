import { createHash } from 'node:crypto';
import type { RawStore } from '../../../db/queries/index.ts';
import type { Organization, Template, TemplateVersion, User } from '../../../db/types.ts';

/** A template with its active version. */
export interface SeededTemplate {
  readonly template: Template;
  readonly version: TemplateVersion;
}

/** Runs a provisioner job to success the way a daemon would: insert, acquire, complete. */
export async function runJob(
  raw: RawStore,
  input: {
    organizationId: string;
    initiatorId: string;
    workerId: string;
    type: 'template_version_import' | 'workspace_build';
    fileId?: string;
  },
) {
  const { workerId, ...job } = input;
  const pending = await raw.insertProvisionerJob(job);
  const acquired = await raw.acquireProvisionerJob({
    organizationId: input.organizationId,
    workerId,
    provisioners: ['terraform'],
  });
  if (acquired?.id !== pending.id)
    throw new Error(`seed: acquired job ${acquired?.id}, not ${pending.id}`);
  return raw.completeProvisionerJob({ id: pending.id });
}

/**
 * A template in `org` built from an uploaded file by `author`, shared through its ACLs
 * (`groupAcl` keyed by group id; the org id is the Everyone group).
 */
export async function seedTemplate(
  raw: RawStore,
  input: {
    org: Organization;
    author: User;
    workerId: string;
    name: string;
    userAcl?: Record<string, string[]>;
    groupAcl?: Record<string, string[]>;
  },
): Promise<SeededTemplate> {
  const data = Buffer.from(`# ${input.name}\nresource "docker_container" "dev" {}\n`);
  const file = await raw.insertFile({
    hash: createHash('sha256').update(data).digest('hex'),
    createdBy: input.author.id,
    mimetype: 'application/x-tar',
    data,
  });
  const template = await raw.insertTemplate({
    organizationId: input.org.id,
    name: input.name,
    createdBy: input.author.id,
    ...(input.userAcl === undefined ? {} : { userAcl: input.userAcl }),
    ...(input.groupAcl === undefined ? {} : { groupAcl: input.groupAcl }),
  });
  const job = await runJob(raw, {
    organizationId: input.org.id,
    initiatorId: input.author.id,
    workerId: input.workerId,
    type: 'template_version_import',
    fileId: file.id,
  });
  const version = await raw.insertTemplateVersion({
    templateId: template.id,
    organizationId: input.org.id,
    name: 'v1',
    jobId: job.id,
    createdBy: input.author.id,
  });
  const active = await raw.updateTemplateMeta({ id: template.id, activeVersionId: version.id });
  return { template: active, version };
}
