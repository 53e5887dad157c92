import type { RawStore } from '../../../db/queries/index.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { mergeDeclarations } from '../wrappers/merge-declarations.ts';
import { auditLogsMethods } from './audit-logs.ts';
import { boundaryMethods } from './boundary.ts';
import { boundaryUsageMethods } from './boundary-usage.ts';
import { connectionLogsMethods } from './connection-logs.ts';
import { userSecretsMethods } from './user-secrets.ts';

/**
 * The boundary, boundary usage, connection log, audit log and user secret areas, merged (a method
 * declared twice throws).
 */
export const logAreasMethods = mergeDeclarations(
  boundaryMethods,
  boundaryUsageMethods,
  connectionLogsMethods,
  auditLogsMethods,
  userSecretsMethods,
) satisfies Declarations<RawStore>;
