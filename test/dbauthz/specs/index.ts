import type { SpecRow } from '../support/spec-row.ts';
import { organizationsSpecs } from './organizations.ts';
import { usersSpecs } from './users.ts';

/** Every spec row of the audit suite; add an area's rows here with its declarations. */
export const specs: readonly SpecRow[] = [...usersSpecs, ...organizationsSpecs];
