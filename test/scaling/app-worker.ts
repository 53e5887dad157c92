// One application process of many-processes.test.ts and the scaling bench: until told "stop" on stdin, it serves
// requests as an app would (a fresh subject per request, then one authorized read) and tracks one
// boundary usage record per request; then it flushes its tracker and prints what it saw as JSON.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import postgres from 'postgres';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createBoundaryUsageTracker } from '../../src/dbauthz/boundary-usage-tracker.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';

const [url, userId, workspaceId] = process.argv.slice(2);
if (url === undefined || userId === undefined || workspaceId === undefined) {
  throw new Error('usage: app-worker.ts <url> <userId> <workspaceId>');
}
const client = postgres(url, { max: 2, onnotice: () => {} });
const store = createAuthorizedStore(createRawStore(createDatabase(client)));
const tracker = createBoundaryUsageTracker({ store, replicaId: randomUUID(), flushIntervalMs: 50 });
let stopping = false;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stop') stopping = true;
});

/** One request: when it started and ended, and whether the read was allowed. */
const requests: { startedAt: number; endedAt: number; allowed: boolean }[] = [];
const tracked = { allowed: 0, denied: 0 };
let announced = false;
while (!stopping) {
  const startedAt = Date.now();
  let allowed: boolean;
  try {
    const subject = await buildSubject(store, userId);
    await store.as(subject).getWorkspaceById({ id: workspaceId });
    allowed = true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'forbidden' && code !== 'not_found') throw error;
    allowed = false;
  }
  requests.push({ startedAt, endedAt: Date.now(), allowed });
  tracker.track({
    workspaceId,
    ownerId: userId,
    allowedRequests: allowed ? 1 : 0,
    deniedRequests: allowed ? 0 : 1,
  });
  tracked[allowed ? 'allowed' : 'denied'] += 1;
  if (!announced) {
    announced = true;
    console.log('ready'); // after a first request has been served, not before
  }
}
await tracker.close();
await client.end({ timeout: 5 });
console.log(JSON.stringify({ requests, tracked }));
