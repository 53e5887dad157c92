import { describe, expect, it } from 'vitest';
import { authorize, compositeScopes, createSubject, object } from '../../src/index.ts';

// Attack: the exported `compositeScopes` is frozen only at the
// top level (src/rbac/scopes.ts). Its permission maps and action arrays are shared, mutable engine
// state: expandScope builds a composite scope from them lazily (and caches it process-wide), so a
// write through the public export widens that scope for every subject of every authorizer.

const ALICE = '00000000-0000-4000-8000-0000000000a1';
const ORG = '00000000-0000-4000-8000-0000000000aa';

describe('compositeScopes export is not engine state', () => {
  it('is deeply frozen', () => {
    const scope = compositeScopes['coder:workspaces.operate'] as Record<string, unknown>;
    expect(Object.isFrozen(scope)).toBe(true);
    expect(Object.isFrozen(scope.workspace)).toBe(true);
  });

  it('a write into it does not let an operate-scoped key delete workspaces', () => {
    try {
      (compositeScopes['coder:workspaces.operate'] as { workspace: string[] }).workspace.push(
        'delete',
      );
    } catch {
      /* frozen: fine */
    }
    const key = createSubject({ id: ALICE, roles: ['owner'], scope: 'coder:workspaces.operate' });
    const ws = object('workspace').withId(ORG).withOwner(ALICE).inOrg(ORG);
    expect(authorize(key, 'update', ws)).toBe(true);
    expect(authorize(key, 'delete', ws)).toBe(false);
  });
});
