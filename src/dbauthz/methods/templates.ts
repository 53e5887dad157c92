import type { RawStore } from '../../../db/queries/index.ts';
import type { Action } from '../../rbac/catalogue.ts';
import { filterAnd } from '../../sql/combine-filters.ts';
import type { CallContext } from '../call-context.ts';
import { type AclInput, aclGrantedActions } from '../checks/acl-grants.ts';
import { requireActorAttribution } from '../checks/require-actor.ts';
import { requireMatch } from '../checks/require-match.ts';
import { templateColumns, templateObject } from '../resources/templates.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { guardedWrite, rowGuard, runGuarded } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';

/**
 * Authorization of the `templates` area (domain.md: templates). Lists are filtered in SQL with the
 * user ACL, group ACL and the Everyone group (keyed by the org id). An ACL update needs `create` on
 * the template, as in Coder ("only users that can create the template may update the ACL"): the
 * catalogue gives `template` no `share` action, and `update` alone (e.g. an ACL grant of update)
 * must not let someone hand out access.
 */
export const templatesMethods = {
  /**
   * `create` on a template of the org; then a human actor must be `createdBy`, and an
   * `activeVersionId` must be a version of the same org not bound to any template yet (imported
   * for this one). A missing version is the same `ForbiddenError` as a foreign one.
   */
  insertTemplate: custom(async (ctx: CallContext<RawStore>, call, input) => {
    ctx.authorize('create', { type: 'template', org: input.organizationId });
    requireActorAttribution(ctx, 'createdBy', input.createdBy, 'create');
    if (input.activeVersionId !== undefined) {
      const version = await ctx.fetch(
        ctx.raw.getTemplateVersionById({ id: input.activeVersionId }),
        'create',
      );
      const fits = version.organizationId === input.organizationId && version.templateId === null;
      requireMatch(ctx, fits, 'create', {
        templateVersionId: version.id,
        versionOrg: version.organizationId,
        versionTemplateId: version.templateId,
        templateOrg: input.organizationId,
      });
    }
    return call(input);
  }),
  getTemplateById: fetchThenAuthorize('read', templateObject),
  getTemplateByIdForBuild: fetchThenAuthorize('read', templateObject),
  getTemplateByOrganizationAndName: fetchThenAuthorize('read', templateObject),
  listTemplates: filteredList('read', 'template', templateColumns),
  countTemplates: filteredCount('read', 'template', templateColumns),
  listTemplatesUsingFile: filteredList('read', 'template', templateColumns),
  /**
   * `update` on the template, decided in the UPDATE (guarded). A new `activeVersionId` must be a
   * version of THIS template (looked up first: a version never changes template, so the lookup
   * cannot go stale; a missing one or one of another template is a `ForbiddenError`).
   */
  updateTemplateMeta: custom(async (ctx: CallContext<RawStore>, call, input) => {
    if (input.activeVersionId !== undefined) {
      const version = await ctx.fetch(
        ctx.raw.getTemplateVersionById({ id: input.activeVersionId }),
        'update',
      );
      requireMatch(ctx, version.templateId === input.id, 'update', {
        templateVersionId: version.id,
        templateId: version.templateId,
        expectedTemplateId: input.id,
      });
    }
    const guard = ctx.filter('update', 'template', templateColumns);
    return runGuarded(ctx as CallContext<unknown>, 'update', guard, call, input);
  }),
  /**
   * `create` on the template and each granted action on it, all decided in the UPDATE (guarded):
   * a writer hands out only what it holds itself (as `updateWorkspaceAcl`). Only template actions
   * are accepted (else `invalid_input`, from the input alone); `*` stands for every one of them.
   */
  updateTemplateAcl: guardedWrite('create', (input: AclInput, ctx: CallContext<RawStore>) => {
    const granted = aclGrantedActions('template', input, true).filter((a) => a !== 'create');
    const actions: Action[] = ['create', ...granted];
    return filterAnd(...actions.map((a) => ctx.filter(a, 'template', templateColumns)));
  }),
  /**
   * `view_insights` on the template, falling back to `update` on it (Coder's template insights
   * rule: whoever may change a template may see how it is used). A missing template is the same
   * `ForbiddenError` as a denial.
   */
  getTemplateInsights: custom(async (ctx: CallContext<RawStore>, call, input) => {
    const template = await ctx.fetch(
      ctx.raw.getTemplateById({ id: input.templateId }),
      'view_insights',
    );
    const object = templateObject(template);
    if (!ctx.can('view_insights', object)) ctx.authorize('update', object);
    return call(input);
  }),
  /** Guarded `delete`: decided in the UPDATE that soft-deletes. */
  softDeleteTemplate: guardedWrite('delete', rowGuard('delete', 'template', templateColumns)),
} satisfies Declarations<RawStore>;
