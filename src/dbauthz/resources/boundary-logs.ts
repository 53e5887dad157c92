import { boundaryLogs } from '../../../db/schema/index.ts';
import type { RbacObject } from '../../rbac/types.ts';
import { defineResource } from './define-resource.ts';

/**
 * `boundary_logs` rows as `boundary_log` objects: owned by the workspace owner and carrying no org,
 * so Coder's user-level `boundary_log` create lets an agent (acting as its owner) write only its
 * owner's logs, while site-level grants (owner, auditor read; the purge actor delete) see them all.
 */
export const boundaryLogResource = defineResource({
  type: 'boundary_log',
  table: boundaryLogs,
  columns: { id: 'id', owner: 'ownerId' },
});

/** The column map of `boundary_logs` (from `boundaryLogResource`). */
export const boundaryLogColumns = boundaryLogResource.columns;

/** A boundary log (or session) about to be written, as checked at insert: its owner, no id yet. */
export function boundaryLogObject(owner: string): RbacObject {
  return { type: boundaryLogResource.type, owner };
}
