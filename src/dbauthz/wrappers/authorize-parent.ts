import type { Action } from '../../rbac/catalogue.ts';
import type { CallContext } from '../call-context.ts';
import type { Target } from '../target.ts';
import { declare, type RawCall } from './declaration.ts';

/**
 * A call scoped to one parent row the input names (the builds of a workspace, the versions of a
 * template): look the parent up, authorize `action` on it, then run the raw method. A missing
 * parent and a denial raise the same `ForbiddenError`, and the raw method never runs.
 * @example listWorkspaceBuildsByWorkspace: authorizeParent('read', async (i, ctx) => workspaceObject(await ...))
 */
export function authorizeParent<I, S = unknown>(
  action: Action,
  toTarget: (input: I, ctx: CallContext<S>) => Target | Promise<Target>,
) {
  return declare(
    'args',
    async <J extends I, R>(ctx: CallContext<S>, call: RawCall<J, R>, input: J) => {
      ctx.authorize(action, await toTarget(input, ctx));
      return call(input);
    },
  );
}
