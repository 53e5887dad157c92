// Named least-privilege system actors: roles as data, documented by a generated table.
export { systemActorPermissionTable } from './permission-table.ts';
export {
  isSystemActor,
  PREBUILDS_USER_ID,
  SYSTEM_ACTOR_ID,
  type SystemActorName,
  systemActorGrants,
  systemActors,
} from './system-actors.ts';
export { type Grants, systemRole } from './system-role.ts';
