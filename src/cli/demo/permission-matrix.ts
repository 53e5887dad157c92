import type { AuthorizedStore } from '../../dbauthz/authorized-store.ts';
import type { Subject } from '../../rbac/index.ts';
import { renderTable } from '../format/render-table.ts';
import type { Deployment } from '../seed/seed-deployment.ts';
import type { DemoActor } from './demo-actors.ts';
import { operations } from './operations.ts';
import { type Outcome, outcomeCell, runOperation } from './run-operation.ts';

/** The matrix as text, and the raw outcomes by username and column header (for tests). */
export interface PermissionMatrix {
  readonly text: string;
  readonly outcomes: ReadonlyMap<string, ReadonlyMap<string, Outcome>>;
}

/**
 * Runs every operation as every actor through the authorized store, each in a transaction that is
 * rolled back, and renders who may do what.
 */
export async function permissionMatrix(
  store: AuthorizedStore,
  d: Deployment,
  actors: readonly { actor: DemoActor; subject: Subject }[],
): Promise<PermissionMatrix> {
  const outcomes = new Map<string, Map<string, Outcome>>();
  const rows: string[][] = [];
  for (const { actor, subject } of actors) {
    const byOp = new Map<string, Outcome>();
    for (const op of operations) {
      byOp.set(op.header, await runOperation(store.as(subject), (tx) => op.run(tx, d, actor.user)));
    }
    outcomes.set(actor.user.username, byOp);
    rows.push([
      `${actor.user.username} (${actor.part})`,
      ...operations.map((op) => outcomeCell(byOp.get(op.header) ?? { kind: 'denied' })),
    ]);
  }
  const table = renderTable(['actor', ...operations.map((op) => op.header)], rows);
  const legend = operations.map((op) => `  ${op.header.padEnd(14)} ${op.legend}`).join('\n');
  const note =
    '  yes/no = allowed/denied (ForbiddenError); a number = rows seen; n/a = not declared yet';
  return { text: `${table}\n\n${legend}\n${note}`, outcomes };
}
