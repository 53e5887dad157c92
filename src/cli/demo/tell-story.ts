import type { RawStore } from '../../../db/queries/index.ts';
import { createAuthorizedStore } from '../../dbauthz/authorized-store.ts';
import { buildSubject } from '../../dbauthz/subject/build-subject.ts';
import type { Subject } from '../../rbac/index.ts';
import type { Deployment } from '../seed/seed-deployment.ts';
import { demoActors } from './demo-actors.ts';
import { explainedDenials } from './explained-denials.ts';
import { permissionMatrix } from './permission-matrix.ts';
import { systemActorLines, systemActorsAtWork } from './system-actors-section.ts';

const heading = (text: string) => `\n${text}\n${'='.repeat(text.length)}\n`;

/**
 * The demo's story over a seeded deployment: what was seeded, the permission matrix computed by
 * calling the authorized store as each person, a few decisions explained, and the system actors.
 */
export async function tellStory(raw: RawStore, d: Deployment): Promise<string> {
  const store = createAuthorizedStore(raw);
  const actors = demoActors(d);
  const subjects = new Map<string, Subject>();
  const rows: { actor: (typeof actors)[number]; subject: Subject }[] = [];
  for (const actor of actors) {
    const subject = await buildSubject(store, actor.user.id);
    subjects.set(actor.user.username, subject);
    rows.push({ actor, subject });
  }
  const matrix = await permissionMatrix(store, d, rows);
  const seeded = [
    'Organizations acme (no default workspace access) and globex; 9 people (table rows below) plus the prebuilds system user;',
    'group frontend (mia, max) in acme; templates docker-dev (acme, Everyone), gpu-box (acme,',
    'frontend group only), globex-dev (globex, Everyone); workspaces mia-dev (shared read-only with',
    'max), bella-old (dormant), prebuild-7f3a (prebuilt, unclaimed), gina-dev (globex); a started',
    'build with 64 KiB of provisioner state and an agent for each; connection, boundary and audit',
    `logs (acme ${d.counts.acme.connectionLogs} + globex ${d.counts.globex.connectionLogs} connection logs, one of each 120 days old); secrets of mia and olivia.`,
  ].join('\n');
  return [
    heading('The deployment'),
    seeded,
    heading('Who may do what (every cell is a call to the authorized store, rolled back)'),
    matrix.text,
    heading('Why: decisions explained by the engine'),
    explainedDenials(d, subjects),
    heading('System actors: least privilege for background jobs'),
    systemActorLines(),
    '',
    await systemActorsAtWork(store, d),
  ].join('\n');
}
