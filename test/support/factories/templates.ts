import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import * as s from '../../../db/schema/index.ts';
import type {
  File,
  ProvisionerDaemon,
  ProvisionerJob,
  Template,
  TemplateVersion,
} from '../../../db/types.ts';
import { createOrganization, createUser } from './identity.ts';
import { uniqueName } from './sequence.ts';

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

/** Inserts a small tar file (created by a new user when none is given). */
export async function createFile(
  db: Database,
  overrides: Insert<typeof s.files> = {},
): Promise<File> {
  const data = overrides.data ?? randomBytes(64);
  const createdBy = overrides.createdBy ?? (await createUser(db)).id;
  const [row] = await db
    .insert(s.files)
    .values({
      hash: createHash('sha256').update(data).digest('hex'),
      mimetype: 'application/x-tar',
      ...overrides,
      data,
      createdBy,
    })
    .returning();
  return row!;
}

/** Inserts a pending template-import job (new org and initiator when none are given). */
export async function createProvisionerJob(
  db: Database,
  overrides: Insert<typeof s.provisionerJobs> = {},
): Promise<ProvisionerJob> {
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  const initiatorId = overrides.initiatorId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(s.provisionerJobs)
    .values({ type: 'template_version_import', ...overrides, organizationId, initiatorId })
    .returning();
  return row!;
}

/** Inserts a terraform daemon (in a new org when none is given). */
export async function createProvisionerDaemon(
  db: Database,
  overrides: Insert<typeof s.provisionerDaemons> = {},
): Promise<ProvisionerDaemon> {
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  const [row] = await db
    .insert(s.provisionerDaemons)
    .values({ name: uniqueName('daemon'), ...overrides, organizationId })
    .returning();
  return row!;
}

/** Inserts a version with a succeeded import job; `organizationId` and `createdBy` default to new rows. */
export async function createTemplateVersion(
  db: Database,
  overrides: Insert<typeof s.templateVersions> = {},
): Promise<TemplateVersion> {
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  const createdBy = overrides.createdBy ?? (await createUser(db)).id;
  const jobId =
    overrides.jobId ??
    (
      await createProvisionerJob(db, {
        organizationId,
        initiatorId: createdBy,
        status: 'succeeded',
      })
    ).id;
  const [row] = await db
    .insert(s.templateVersions)
    .values({ name: uniqueName('v'), ...overrides, organizationId, createdBy, jobId })
    .returning();
  return row!;
}

/** Inserts a template with one active version; org and creator default to new rows. */
export async function createTemplate(
  db: Database,
  overrides: Insert<typeof s.templates> = {},
): Promise<Template> {
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  const createdBy = overrides.createdBy ?? (await createUser(db)).id;
  const [template] = await db
    .insert(s.templates)
    .values({ name: uniqueName('template'), ...overrides, organizationId, createdBy })
    .returning();
  if (overrides.activeVersionId !== undefined) return template!;
  const version = await createTemplateVersion(db, {
    organizationId,
    createdBy,
    templateId: template!.id,
  });
  const [row] = await db
    .update(s.templates)
    .set({ activeVersionId: version.id })
    .where(eq(s.templates.id, template!.id))
    .returning();
  return row!;
}
