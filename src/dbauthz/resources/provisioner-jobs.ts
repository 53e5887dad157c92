import { provisionerJobs } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/** `provisioner_jobs` rows as `provisioner_jobs` objects in the job's org. */
export const provisionerJobResource = defineResource({
  type: 'provisioner_jobs',
  table: provisionerJobs,
  columns: { id: 'id', org: 'organizationId' },
});

/** The column map of `provisioner_jobs` (from `provisionerJobResource`). */
export const provisionerJobColumns = provisionerJobResource.columns;

/** A provisioner job row as its RBAC object (from `provisionerJobResource`). */
export const provisionerJobObject = provisionerJobResource.object;
