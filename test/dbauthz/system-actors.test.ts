import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { systemActorPermissionTable } from '../../src/dbauthz/system-actors/permission-table.ts';
import {
  PREBUILDS_USER_ID,
  type SystemActorName,
  systemActorGrants,
  systemActorStoreLimits,
  systemActors,
} from '../../src/dbauthz/system-actors/system-actors.ts';
import { systemRole } from '../../src/dbauthz/system-actors/system-role.ts';
import { defaultAuthorizer } from '../../src/rbac/authorizer.ts';
import type { Action, ResourceType } from '../../src/rbac/catalogue.ts';

const names = Object.keys(systemActors) as SystemActorName[];
const holders = (type: ResourceType, action: Action) =>
  names.filter((name) =>
    defaultAuthorizer.authorize(systemActors[name], action, {
      type,
      id: 'x',
      owner: 'someone',
      org: 'o',
    }),
  );

describe('system actors', () => {
  it('are the eleven named actors, none holding a wildcard type or action', () => {
    expect(names).toEqual([
      'asSystemRestricted',
      'asWorkspaceBuilder',
      'asProvisionerd',
      'asAutostart',
      'asDBPurge',
      'asPrebuildsOrchestrator',
      'asBoundaryUsageTracker',
      'asConnectionLogger',
      'asNotifier',
      'asKeyRotator',
      'asSecretsReader',
    ]);
    for (const subject of Object.values(systemActors)) {
      for (const role of subject.roles) {
        if (typeof role !== 'object' || !('site' in role)) throw new Error('expected a role value');
        expect(role.site.filter((p) => p.type === '*' || p.action === '*')).toEqual([]);
        expect([role.user, Object.keys(role.byOrg)]).toEqual([[], []]);
      }
    }
  });

  it('give each sensitive power to exactly one actor (by the engine, on an org object)', () => {
    expect(holders('user_secret', 'read')).toEqual(['asSecretsReader']);
    expect(holders('boundary_log', 'delete')).toEqual(['asDBPurge']);
    expect(holders('boundary_usage', 'update')).toEqual(['asBoundaryUsageTracker']);
    expect(holders('boundary_usage', 'read')).toEqual(['asBoundaryUsageTracker']);
    expect(holders('connection_log', 'update')).toEqual(['asConnectionLogger']);
    expect(holders('crypto_key', 'create')).toEqual(['asKeyRotator']);
    expect(holders('prebuilt_workspace', 'delete')).toEqual(['asPrebuildsOrchestrator']);
  });

  it('let no system actor update templates; the builder and the daemon update jobs', () => {
    expect(holders('template', 'update')).toEqual([]);
    expect(holders('provisioner_jobs', 'update').sort()).toEqual([
      'asProvisionerd',
      'asWorkspaceBuilder',
    ]);
    expect(holders('provisioner_daemon', 'read')).toContain('asWorkspaceBuilder');
  });

  it('let the purge actor read nothing', () => {
    const reads = names.filter((name) =>
      Object.values(systemActorGrants[name]).some((actions) =>
        (actions as readonly string[]).some((a) => a.startsWith('read')),
      ),
    );
    expect(reads).not.toContain('asDBPurge');
    expect(reads).toContain('asSystemRestricted');
  });

  it('act as the prebuilds system user for the orchestrator and as no user otherwise', () => {
    expect(systemActors.asPrebuildsOrchestrator.id).toBe(PREBUILDS_USER_ID);
    expect(systemActors.asPrebuildsOrchestrator.id).toBe('c42fdf75-3097-471c-8c33-fb52454d81c0');
    expect(
      new Set(names.filter((n) => n !== 'asPrebuildsOrchestrator').map((n) => systemActors[n].id))
        .size,
    ).toBe(1);
  });

  it('refuse a grant that is not in the catalogue when the role is defined', () => {
    expect(() => systemRole('bad', { file: ['delete' as 'read'] })).toThrow(
      /file has no action delete/,
    );
  });

  it('are documented by the generated permission table in the README, and nothing else', () => {
    const readme = readFileSync(new URL('../../src/dbauthz/README.md', import.meta.url), 'utf8');
    const block = /<!-- system-actors:start -->\n([\s\S]*?)\n<!-- system-actors:end -->/.exec(
      readme,
    );
    expect(block?.[1]).toBe(systemActorPermissionTable());
    expect(systemActorPermissionTable()).toContain('| `asDBPurge` | `boundary_log` | delete |');
    expect(Object.keys(systemActorGrants)).toEqual(names);
  });

  it('list a store limit only on a resource type the actor is granted', () => {
    const limited = Object.entries(systemActorStoreLimits).flatMap(([name, limits]) =>
      Object.keys(limits).map((type) => [name, type]),
    );
    expect(limited.length).toBeGreaterThan(0);
    for (const [name, type] of limited) {
      expect(Object.keys(systemActorGrants[name as SystemActorName])).toContain(type);
    }
    expect(systemActorPermissionTable()).toContain(
      '- `asPrebuildsOrchestrator`, `workspace`: `create` only with the prebuilds system user',
    );
  });
});
