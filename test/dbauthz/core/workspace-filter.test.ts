import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RawStore } from '../../../db/queries/index.ts';
import type { AuthorizedStore } from '../../../src/dbauthz/authorized-store.ts';
import type { CallContext } from '../../../src/dbauthz/call-context.ts';
import type { CallOptions } from '../../../src/dbauthz/call-options.ts';
import { workspaceFilter } from '../../../src/dbauthz/resources/workspace-filter.ts';
import { prebuildAwareTarget, workspaceObject } from '../../../src/dbauthz/resources/workspaces.ts';
import { PREBUILDS_USER_ID } from '../../../src/dbauthz/system-actors/system-actors.ts';
import type { ResourceType } from '../../../src/rbac/catalogue.ts';
import type { Predicate } from '../../../src/rbac/types.ts';
import type { ColumnMap } from '../../../src/sql/column-map.ts';
import { compileFilter } from '../../../src/sql/compile-filter.ts';

const ALICE = 'a0d17000-0000-4000-8000-000000000001';

/** A call context whose `filter` compiles the given predicate per type. */
function ctxWith(predicates: Partial<Record<ResourceType, Predicate>>): CallContext<unknown> {
  return {
    filter: (_action: string, type: ResourceType, columns: ColumnMap) =>
      compileFilter(predicates[type] ?? { op: 'false' }, columns),
  } as unknown as CallContext<unknown>;
}
const render = (ctx: CallContext<unknown>) => {
  const result = workspaceFilter('read')(ctx);
  return result.kind === 'where' ? new PgDialect().sqlToQuery(result.sql).sql : result.kind;
};

describe('workspaceFilter: the RBAC type depends on dormant_at', () => {
  const mine: Predicate = { op: 'eq', field: 'owner', value: ALICE };

  it('checks live rows as workspace and dormant rows as workspace_dormant', () => {
    expect(render(ctxWith({ workspace: mine, workspace_dormant: mine }))).toBe(
      '(("workspaces"."dormant_at" is null and "workspaces"."owner_id" = $1) or ' +
        '("workspaces"."dormant_at" is not null and "workspaces"."owner_id" = $2))',
    );
  });

  it('drops the dormant branch when dormant workspaces are invisible', () => {
    expect(render(ctxWith({ workspace: mine }))).toBe(
      '("workspaces"."dormant_at" is null and "workspaces"."owner_id" = $1)',
    );
  });

  it('adds no condition for an actor who sees both, and none for one who sees neither', () => {
    const all: Predicate = { op: 'true' };
    expect(render(ctxWith({ workspace: all, workspace_dormant: all }))).toBe('all');
    expect(render(ctxWith({}))).toBe('none');
  });
});

describe('workspace objects', () => {
  const row = {
    id: 'w1',
    ownerId: ALICE,
    organizationId: 'o1',
    userAcl: { [ALICE]: ['read'] },
    groupAcl: {},
    dormantAt: null,
  };

  it('is a workspace_dormant once dormant_at is set', () => {
    expect(workspaceObject(row).type).toBe('workspace');
    expect(workspaceObject({ ...row, dormantAt: new Date() }).type).toBe('workspace_dormant');
  });

  it('falls back to prebuilt_workspace only for the prebuilds system user', () => {
    expect(prebuildAwareTarget(row)).toEqual(workspaceObject(row));
    const prebuilt = { ...row, ownerId: PREBUILDS_USER_ID };
    expect(prebuildAwareTarget(prebuilt)).toEqual({
      anyOf: [
        workspaceObject(prebuilt),
        { ...workspaceObject(prebuilt), type: 'prebuilt_workspace' },
      ],
    });
  });
});

describe('the authorized store type', () => {
  it('exposes every raw method under the same name, input and result', () => {
    expectTypeOf<Parameters<AuthorizedStore['getUserById']>[0]>().toEqualTypeOf<
      Parameters<RawStore['getUserById']>[0]
    >();
    expectTypeOf<ReturnType<AuthorizedStore['listWorkspaces']>>().toEqualTypeOf<
      ReturnType<RawStore['listWorkspaces']>
    >();
    expectTypeOf<Exclude<keyof RawStore, keyof AuthorizedStore>>().toEqualTypeOf<never>();
  });

  it('takes only call options as second argument, never SQL', () => {
    expectTypeOf<Parameters<AuthorizedStore['listWorkspaces']>[1]>().toEqualTypeOf<
      CallOptions | undefined
    >();
    expectTypeOf<Parameters<AuthorizedStore['getUserById']>[1]>().toEqualTypeOf<
      CallOptions | undefined
    >();
  });
});
