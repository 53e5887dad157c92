import type { SpecRow } from '../support/spec-row.ts';
import { auditLogsSpecs } from './audit-logs.ts';
import { boundarySpecs } from './boundary.ts';
import { boundaryUsageSpecs } from './boundary-usage.ts';
import { connectionLogsSpecs } from './connection-logs.ts';
import { userSecretsSpecs } from './user-secrets.ts';

/** Spec rows of the boundary, boundary usage, connection log, audit log and user secret areas. */
export const logAreasSpecs: SpecRow[] = [
  ...boundarySpecs,
  ...boundaryUsageSpecs,
  ...connectionLogsSpecs,
  ...auditLogsSpecs,
  ...userSecretsSpecs,
];
