import { describe, expect, it } from 'vitest';
import { createRawStore, PRIMARY_READS, readsOnReplica } from '../../db/queries/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('which raw methods a replica may answer', () => {
  it('names only methods that exist in PRIMARY_READS (a typo would send a key lookup to a replica)', () => {
    const methods = new Set(Object.keys(ctx.store));
    for (const name of PRIMARY_READS) expect(methods).toContain(name);
  });

  it('routes reads to the replica and never a write, the key lookups or the roles', () => {
    const names = Object.keys(ctx.store).filter((name) => name !== 'inTx');
    const onReplica = names.filter(readsOnReplica);
    expect(onReplica).toContain('listWorkspaces');
    expect(onReplica).toContain('getWorkspaceById');
    expect(onReplica).toContain('countUsers');
    for (const name of onReplica) expect(name).toMatch(/^(get|list|count)[A-Z]/);
    const identity = [
      'getApiKeyById',
      'getApiKeyAuthorization',
      'getAuthorizationUserRoles',
      'getUserRoles',
      'getWorkspaceByAgentId',
      'listUserSecretsWithValues',
    ];
    for (const name of identity) {
      expect(readsOnReplica(name)).toBe(false);
    }
    expect(readsOnReplica('getAndResetBoundaryUsageSummary')).toBe(false);
    expect(
      names.filter((name) => /^(insert|update|delete)/.test(name) && readsOnReplica(name)),
    ).toEqual([]);
  });

  it('gives a store without a replica that is its own primary, and hides onPrimary from the methods', () => {
    const store = createRawStore(ctx.db);
    expect(store.onPrimary()).toBe(store);
    expect(Object.keys(store)).not.toContain('onPrimary');
  });
});
