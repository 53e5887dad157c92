import { sql } from 'drizzle-orm';
import { groups } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `groups` rows as `group` objects: in the org, each readable by its own members (group ACL). */
export const groupColumns: ColumnMap = {
  id: groups.id,
  org: groups.organizationId,
  aclGroups: sql`jsonb_build_object(${groups.id}::text, '["read"]'::jsonb)`,
};
