// Every table, view and enum of the domain; drizzle-kit reads this barrel.
export * from './api-keys.ts';
export * from './audit-logs.ts';
export * from './boundary.ts';
export type { Acl } from './columns.ts';
export * from './connection-logs.ts';
export * from './custom-roles.ts';
export * from './enums.ts';
export * from './files.ts';
export * from './groups.ts';
export * from './organizations.ts';
export * from './provisioners.ts';
export * from './templates.ts';
export * from './user-secrets.ts';
export * from './users.ts';
export * from './workspace-agents.ts';
export * from './workspace-builds.ts';
export * from './workspaces.ts';
