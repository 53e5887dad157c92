import { PREBUILDS_USER_ID } from '../../../src/dbauthz/system-actors/system-actors.ts';

const org = 'b0d17000-0000-4000-8000-0000000000f1';
const owner = 'b0d17000-0000-4000-8000-0000000000e1';
const template = 'b0d17000-0000-4000-8000-0000000000a1';
const activeVersion = 'b0d17000-0000-4000-8000-0000000000b1';
const otherVersion = 'b0d17000-0000-4000-8000-0000000000b2';
const workspace = 'b0d17000-0000-4000-8000-0000000000c1';

/**
 * Canned rows of the template/workspace areas for the mocked raw store (only the fields the
 * mappers read matter), and the RBAC objects the store must check for them.
 */
export const w = {
  org,
  owner,
  activeVersion,
  otherVersion,
  template: {
    id: template,
    organizationId: org,
    name: 'docker',
    userAcl: {},
    groupAcl: { [org]: ['read', 'use'] },
    requireActiveVersion: false,
    activeVersionId: activeVersion,
  },
  version: { id: activeVersion, templateId: template, organizationId: org, name: 'v1' },
  orphanVersion: { id: otherVersion, templateId: null, organizationId: org, name: 'v0' },
  workspace: {
    id: workspace,
    ownerId: owner,
    organizationId: org,
    templateId: template,
    name: 'dev',
    userAcl: {},
    groupAcl: {},
    dormantAt: null,
  },
  build: { id: 'b0d17000-0000-4000-8000-0000000000d1', workspaceId: workspace, buildNumber: 1 },
  agent: {
    id: 'b0d17000-0000-4000-8000-0000000000d2',
    buildId: 'b0d17000-0000-4000-8000-0000000000d1',
  },
  job: { id: 'b0d17000-0000-4000-8000-0000000000d3', organizationId: org, status: 'pending' },
  daemon: { id: 'b0d17000-0000-4000-8000-0000000000d4', organizationId: org, tags: {} },
  prebuildsUser: PREBUILDS_USER_ID,
} as const;

/** The template fixture as the `template` object the store checks. */
export const templateObj = {
  type: 'template',
  id: w.template.id,
  org: w.org,
  aclUsers: w.template.userAcl,
  aclGroups: w.template.groupAcl,
} as const;

/** A workspace row as the object the store checks (`workspace`, or `workspace_dormant` with no ACL). */
export function workspaceObj(row: {
  id: string;
  ownerId: string;
  organizationId: string;
  dormantAt: Date | null;
}) {
  const base = { id: row.id, owner: row.ownerId, org: row.organizationId };
  if (row.dormantAt !== null) return { type: 'workspace_dormant', ...base } as const;
  return { type: 'workspace', ...base, aclUsers: {}, aclGroups: {} } as const;
}
