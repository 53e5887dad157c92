import type { RawStore } from '../../../db/queries/index.ts';
import type { TemplateVersion } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';
import type { CallContext } from '../call-context.ts';
import { templateObject } from './templates.ts';

/**
 * What a template version is checked as: its template (looked up), or, for a version imported
 * before its template exists, any `template` in the version's org (Coder's `RBACObjectNoTemplate`).
 */
export async function templateVersionParent(
  version: Pick<TemplateVersion, 'templateId' | 'organizationId'>,
  ctx: CallContext<RawStore>,
): Promise<RbacObject> {
  if (version.templateId === null) return { type: 'template', org: version.organizationId };
  return templateObject(
    await ctx.fetch(ctx.raw.getTemplateById({ id: version.templateId }), 'read'),
  );
}
