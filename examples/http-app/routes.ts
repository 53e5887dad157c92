import type { AuthorizedStore, Subject, Workspace, WorkspaceBuild } from 'dbauthz';
import { HttpError } from './http-error.ts';

/** What a route handler gets: the store bound to the request's subject, path params, and input. */
export interface RouteContext {
  readonly store: AuthorizedStore;
  /** Who is asking (already bound to `store`). */
  readonly subject: Subject;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** A route's answer: status and JSON body. */
export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
}

/** One route: method, path pattern (`:name` segments) and handler. */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly handle: (ctx: RouteContext) => Promise<RouteResult>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidParam(ctx: RouteContext, name: string): string {
  const value = ctx.params[name] ?? '';
  if (!UUID.test(value)) throw new HttpError(400, { error: 'invalid_input', field: name });
  return value;
}

function paging(query: URLSearchParams): { limit: number; offset: number } {
  const number = (name: string, fallback: number, min: number, max: number) => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new HttpError(400, { error: 'invalid_input', field: name });
    }
    return value;
  };
  return {
    limit: number('limit', 50, 1, 1000), // limit=0 is a mistake, not "the default"
    offset: number('offset', 0, 0, 1_000_000),
  };
}

const workspaceView = (w: Workspace) => ({
  id: w.id,
  name: w.name,
  ownerId: w.ownerId,
  organizationId: w.organizationId,
  templateId: w.templateId,
  dormant: w.dormantAt !== null,
});

const buildView = (b: WorkspaceBuild) => ({
  id: b.id,
  workspaceId: b.workspaceId,
  buildNumber: b.buildNumber,
  transition: b.transition,
  initiatorId: b.initiatorId,
});

/** The example's routes; every read and write goes through the authorized store. */
export const routes: readonly Route[] = [
  {
    method: 'GET',
    path: '/workspaces',
    // Every workspace the subject may read (SQL-filtered); `?owner=me` narrows to its own.
    handle: async ({ store, subject, query }) => {
      const owner = query.get('owner');
      if (owner !== null && owner !== 'me')
        throw new HttpError(400, { error: 'invalid_input', field: 'owner' });
      const ownerId = owner === 'me' ? subject.id : undefined;
      const rows = await store.listWorkspaces({
        ...paging(query),
        ...(ownerId === undefined ? {} : { ownerId }),
      });
      return { status: 200, body: rows.map(workspaceView) };
    },
  },
  {
    method: 'GET',
    path: '/workspaces/:id',
    handle: async (ctx) => {
      const workspace = await ctx.store.getWorkspaceById({ id: uuidParam(ctx, 'id') });
      return { status: 200, body: workspaceView(workspace) };
    },
  },
  {
    method: 'POST',
    path: '/workspaces/:id/builds',
    // Starts (or stops) a workspace: the build is authorized for the caller (`start`/`stop` on the
    // workspace); its provisioner job is made by the workspace builder in the same transaction,
    // so a denied build leaves no job behind.
    handle: async (ctx) => {
      const id = uuidParam(ctx, 'id');
      const body = ctx.body as Record<string, unknown> | undefined; // an object or nothing
      const transition = body?.transition ?? 'start';
      if (transition !== 'start' && transition !== 'stop') {
        throw new HttpError(400, { error: 'invalid_input', field: 'transition' });
      }
      const build = await ctx.store.inTx(async (tx) => {
        const workspace = await tx.getWorkspaceById({ id });
        const latest = await tx.getLatestWorkspaceBuildByWorkspace({ workspaceId: id });
        const initiatorId = ctx.subject.id;
        const job = await tx.asWorkspaceBuilder().insertProvisionerJob({
          organizationId: workspace.organizationId,
          initiatorId,
          type: 'workspace_build',
        });
        return tx.insertWorkspaceBuild({
          workspaceId: id,
          templateVersionId: latest.templateVersionId,
          transition,
          initiatorId,
          jobId: job.id,
        });
      });
      return { status: 201, body: buildView(build) };
    },
  },
  {
    method: 'GET',
    path: '/connection-logs',
    // Auditors see their scope's logs; everyone else gets an empty list (the SQL filter says so).
    handle: async ({ store, query }) => {
      const rows = await store.listConnectionLogs(paging(query));
      return {
        status: 200,
        body: rows.map((r) => ({
          id: r.id,
          workspaceId: r.workspaceId,
          organizationId: r.organizationId,
          type: r.type,
          connectTime: r.connectTime,
        })),
      };
    },
  },
];
