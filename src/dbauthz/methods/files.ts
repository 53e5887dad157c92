import type { RawStore } from '../../../db/queries/index.ts';
import type { File } from '../../../db/types.ts';
import type { CallContext } from '../call-context.ts';
import { fileObject } from '../resources/files.ts';
import { templateColumns } from '../resources/templates.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorizeOr } from '../wrappers/fetch-then-authorize-or.ts';

/**
 * Coder's `authorizeUpdateFileTemplate`: is the file used by some template the actor may `update`?
 * One SQL-filtered query (`LIMIT 1`), never a scan of every template in memory.
 */
async function usedByUpdatableTemplate(file: File, ctx: CallContext<RawStore>): Promise<boolean> {
  const filter = ctx.filter('update', 'template', templateColumns);
  if (filter.kind === 'none') return false;
  const options = filter.kind === 'where' ? { where: filter.sql } : {};
  const templates = await ctx.raw.listTemplatesUsingFile({ fileId: file.id, limit: 1 }, options);
  return templates.length > 0;
}

/** Authorization of the files area (domain.md: files). */
export const filesMethods = {
  /** Owned by the creator (`createdBy`): a member uploads as themselves only. */
  insertFile: authorizeArgs('create', (input: { createdBy: string }) => ({
    type: 'file',
    owner: input.createdBy,
  })),
  /** Read the file, or else read it because a template the actor may update uses it. */
  getFileById: fetchThenAuthorizeOr('read', fileObject, usedByUpdatableTemplate),
} satisfies Declarations<RawStore>;
