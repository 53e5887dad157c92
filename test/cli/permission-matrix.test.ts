import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { demoActors } from '../../src/cli/demo/demo-actors.ts';
import { type PermissionMatrix, permissionMatrix } from '../../src/cli/demo/permission-matrix.ts';
import { outcomeCell } from '../../src/cli/demo/run-operation.ts';
import { type Deployment, seedDeployment } from '../../src/cli/seed/seed-deployment.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';

const t = databaseForFile();
let d: Deployment;
let matrix: PermissionMatrix;

beforeAll(async () => {
  const raw = createRawStore(t.db);
  d = await seedDeployment(raw);
  const store = createAuthorizedStore(raw);
  const rows = [];
  for (const actor of demoActors(d)) {
    rows.push({ actor, subject: await buildSubject(store, actor.user.id) });
  }
  matrix = await permissionMatrix(store, d, rows);
});

/** The cells of one column, by username, as the demo prints them. */
function column(header: string): Record<string, string> {
  return Object.fromEntries(
    [...matrix.outcomes].map(([user, byOp]) => [
      user,
      outcomeCell(byOp.get(header) ?? { kind: 'denied' }),
    ]),
  );
}

describe('the demo permission matrix (real calls to the authorized store)', () => {
  it('counts the workspaces each person sees through the SQL filter', () => {
    expect(column('workspaces')).toMatchObject({
      olivia: '4',
      oscar: '3',
      mia: '1',
      max: '1',
      gina: '1',
      gus: '0',
    });
  });

  it('lets the frontend group read gpu-box by ACL, not bella (not in the group) nor globex', () => {
    expect(column('read gpu-box')).toMatchObject({
      mia: 'yes',
      max: 'yes',
      bella: 'no',
      gina: 'no',
      gus: 'no',
    });
  });

  it('lets members with workspace access create, not max (no access), bella (ban) or globex people', () => {
    expect(column('create ws')).toMatchObject({
      olivia: 'yes',
      oscar: 'yes',
      mia: 'yes',
      max: 'no',
      bella: 'no',
      gina: 'no',
    });
  });

  it("lets mia, her org admin and the owner start mia-dev; max's read-only ACL does not", () => {
    expect(column('start mia-dev')).toMatchObject({
      olivia: 'yes',
      oscar: 'yes',
      mia: 'yes',
      max: 'no',
      gina: 'no',
    });
  });

  it('shows provisioner state to template updaters only, not to the workspace owner', () => {
    expect(column('prov. state')).toMatchObject({
      olivia: 'yes',
      tom: 'yes',
      mia: 'no',
      max: 'no',
    });
  });

  it("keeps mia's secret hers alone, even from the owner", () => {
    expect(column("mia's secret")).toEqual({
      olivia: 'no',
      audrey: 'no',
      tom: 'no',
      oscar: 'no',
      mia: 'yes',
      max: 'no',
      bella: 'no',
      gus: 'no',
      gina: 'no',
    });
  });

  it('shows connection logs to auditors (site: all 7, globex org auditor: its 3) and none to members', () => {
    expect(column('conn. logs')).toMatchObject({
      audrey: '7',
      gus: '3',
      mia: '0',
      max: '0',
      gina: '0',
    });
  });

  it('lets no member or auditor purge old logs', () => {
    expect(column('purge logs')).toMatchObject({
      audrey: 'no',
      tom: 'no',
      mia: 'no',
      gus: 'no',
      gina: 'no',
    });
  });

  it('leaves the database as it found it (every cell is rolled back)', async () => {
    const [row] =
      await t.client`SELECT (SELECT count(*) FROM workspaces)::int AS w, (SELECT count(*) FROM connection_logs)::int AS c`;
    expect(row).toEqual({ w: 4, c: d.counts.acme.connectionLogs + d.counts.globex.connectionLogs });
  });
});
