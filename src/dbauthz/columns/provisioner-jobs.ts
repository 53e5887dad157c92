import { provisionerJobs } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `provisioner_jobs` rows as `provisioner_jobs` objects in their org (see `provisionerJobObject`). */
export const provisionerJobColumns: ColumnMap = {
  id: provisionerJobs.id,
  org: provisionerJobs.organizationId,
};
