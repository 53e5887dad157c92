import type { AuthorizedStore } from '../../dbauthz/authorized-store.ts';
import { systemActorGrants } from '../../dbauthz/system-actors/system-actors.ts';
import type { Deployment } from '../seed/seed-deployment.ts';
import { attempt, type Outcome, outcomeCell, runOperation } from './run-operation.ts';

const NINETY_DAYS = 90 * 86_400_000;

/** Joins `items` with spaces into lines of at most `width` characters (an item is never split). */
function wrap(items: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line !== '' && line.length + 1 + item.length > width) {
      lines.push(line);
      line = item;
    } else line = line === '' ? item : `${line} ${item}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** One line per system actor listing its grants, generated from `systemActorGrants`. */
export function systemActorLines(): string {
  const entries = Object.entries(systemActorGrants) as [
    string,
    Record<string, readonly string[]>,
  ][];
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries
    .map(([name, grants]) => {
      const items = Object.entries(grants).map(
        ([type, actions]) => `${type}(${[...actions].sort().join(',')})`,
      );
      return wrap(items, 96 - width)
        .map((line, i) => `  ${(i === 0 ? name : '').padEnd(width)}  ${line}`)
        .join('\n');
    })
    .join('\n');
}

/**
 * System actors at work on the demo data: what the purge actor may delete (run for real, it is
 * the nightly job), and what the broad restricted actor still may not read.
 */
export async function systemActorsAtWork(store: AuthorizedStore, d: Deployment): Promise<string> {
  const before = new Date(Date.now() - NINETY_DAYS);
  const secret = { userId: d.people.member.id, name: 'github-token' };
  const purger = store.asDBPurge();
  const checks: [string, () => Promise<Outcome>][] = [
    [
      "asSystemRestricted reads mia's secret",
      () => runOperation(store.asSystemRestricted(), (s) => s.getUserSecretByName(secret)),
    ],
    [
      "asSecretsReader lists mia's secrets with values (workspace start)",
      () =>
        runOperation(store.asSecretsReader(), (s) =>
          s.listUserSecretsWithValues({ userId: d.people.member.id }).then((rows) => rows.length),
        ),
    ],
    [
      'asConnectionLogger deletes old connection logs',
      () =>
        runOperation(store.asConnectionLogger(), (s) =>
          s.deleteConnectionLogsOlderThan({ before }),
        ),
    ],
    [
      'asDBPurge deletes connection logs older than 90 days (for real)',
      () => attempt(() => purger.deleteConnectionLogsOlderThan({ before })),
    ],
    [
      'asDBPurge deletes boundary logs older than 90 days (for real)',
      () => attempt(() => purger.deleteBoundaryLogsOlderThan({ before })),
    ],
  ];
  const lines: string[] = [];
  for (const [label, run] of checks) lines.push(`  ${label}: ${outcomeCell(await run())}`);
  return lines.join('\n');
}
