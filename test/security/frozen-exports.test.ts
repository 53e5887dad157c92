import { describe, expect, it } from 'vitest';
import {
  allActions,
  authorize,
  catalogue,
  compositeScopes,
  createSubject,
  resourceTypes,
  systemActorGrants,
  systemActors,
} from '../../src/index.ts';

// Attack: the package exports its policy data (the catalogue, the system actors' grants, the
// composite scopes). If any of it can be written, one module of an application (or a dependency)
// can change what every other module's checks mean, process-wide.

/** Tries `write`; answers whether it threw (ESM code runs in strict mode: a frozen write throws). */
function refuses(write: () => void): boolean {
  try {
    write();
    return false;
  } catch (error) {
    return error instanceof TypeError;
  }
}

describe('exported policy data cannot be changed at run time', () => {
  it('refuses to add an action to a catalogue type, or a new type', () => {
    const actions = catalogue.workspace as unknown as string[];
    expect(refuses(() => actions.push('launch_missiles'))).toBe(true);
    expect(refuses(() => Object.assign(catalogue, { spaceship: ['launch'] }))).toBe(true);
    expect(catalogue.workspace).not.toContain('launch_missiles');
  });

  it('refuses to shrink the type and action lists a wildcard permission expands to', () => {
    expect(refuses(() => (resourceTypes as string[]).pop())).toBe(true);
    expect(refuses(() => (allActions as string[]).splice(0, 1))).toBe(true);
    expect(resourceTypes).toContain('workspace');
  });

  it('refuses to widen a system actor grant', () => {
    const purge = systemActorGrants.asDBPurge as unknown as Record<string, string[]>;
    expect(refuses(() => Object.assign(purge, { user_secret: ['read'] }))).toBe(true);
    const reads = systemActorGrants.asSecretsReader.user as unknown as string[];
    expect(refuses(() => reads.push('delete'))).toBe(true);
    const secret = {
      type: 'user_secret' as const,
      id: crypto.randomUUID(),
      owner: crypto.randomUUID(),
    };
    expect(authorize(systemActors.asDBPurge, 'read', secret)).toBe(false);
  });

  it('keeps the composite scopes frozen all the way down', () => {
    const scope = compositeScopes['coder:workspaces.access']!;
    expect(refuses(() => Object.assign(scope, { user_secret: ['read'] }))).toBe(true);
    const subject = createSubject({ id: crypto.randomUUID(), roles: ['member'] });
    expect(Object.isFrozen(subject)).toBe(true);
  });
});
