import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { File, Organization, Template, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createFile,
  createMember,
  createOrganization,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// The store caches compiled filters per subject object. One bound subject asks several questions
// in a row (as a request handler does): each answer must be the one an uncached store would give.
// A template's file is readable by whoever may *update* a template using it; a read filter served
// from the cache in place of that update filter would hand the file to every template reader.

const database = databaseForFile();
let store: AuthorizedStore;
let acme: Organization;
let author: User;
let reader: User;
let editor: User;
let template: Template;
let file: File;

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  acme = await createOrganization(database.db, { name: 'acme' });
  [author, reader, editor] = (await Promise.all(
    ['author', 'reader', 'editor'].map((username) => createUser(database.db, { username })),
  )) as [User, User, User];
  for (const user of [author, reader, editor]) {
    await createMember(database.db, { organizationId: acme.id, userId: user.id });
  }
  file = await createFile(database.db, { createdBy: author.id });
  const job = await createProvisionerJob(database.db, {
    organizationId: acme.id,
    initiatorId: author.id,
    fileId: file.id,
    status: 'succeeded',
  });
  template = await createTemplate(database.db, {
    organizationId: acme.id,
    createdBy: author.id,
    userAcl: { [reader.id]: ['read'], [editor.id]: ['read', 'update'] },
  });
  await createTemplateVersion(database.db, {
    organizationId: acme.id,
    createdBy: author.id,
    templateId: template.id,
    jobId: job.id,
  });
});

describe('one bound subject, several questions: cached filters answer as uncached ones', () => {
  it('a template reader lists the template, then is still refused its file', async () => {
    const asReader = store.as(memberOf(reader.id, acme.id));
    for (let round = 0; round < 3; round += 1) {
      const listed = await asReader.listTemplates({ organizationId: acme.id });
      expect(listed.map((t) => t.id)).toEqual([template.id]);
      expect(await asReader.countTemplates({ organizationId: acme.id })).toBe(1);
      await expect(asReader.getFileById({ id: file.id })).rejects.toBeForbidden();
    }
  });

  it('a reader refused the file first still lists the template afterwards', async () => {
    const asReader = store.as(memberOf(reader.id, acme.id));
    await expect(asReader.getFileById({ id: file.id })).rejects.toBeForbidden();
    await expect(asReader.getFileById({ id: file.id })).rejects.toBeForbidden();
    expect((await asReader.listTemplates({ organizationId: acme.id })).map((t) => t.id)).toEqual([
      template.id,
    ]);
  });

  it('a template editor lists the template and reads its file, in either order, repeatedly', async () => {
    const asEditor = store.as(memberOf(editor.id, acme.id));
    for (let round = 0; round < 3; round += 1) {
      expect((await asEditor.getFileById({ id: file.id })).id).toBe(file.id);
      expect((await asEditor.listTemplates({ organizationId: acme.id })).map((t) => t.id)).toEqual([
        template.id,
      ]);
    }
  });
});
