import { NotFoundError } from '../../../db/errors.ts';
import { auditActor } from '../support/run-audit-suite.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { user, org } = fixtures;
const group = { id: 'a0d17000-0000-4000-8000-0000000000a1', organizationId: org.id, name: 'devs' };
const groupObject = {
  type: 'group',
  id: group.id,
  org: org.id,
  aclGroups: { [group.id]: ['read'] },
} as const;
const groupMember = { groupId: group.id, userId: user.id, username: 'eve' };
const byGroup = { groupId: group.id };
/** The audit actor's own membership row in the group's org, asked before a member list. */
const ownRow = {
  action: 'read',
  object: { type: 'group_member', id: auditActor.id, owner: auditActor.id, org: org.id },
} as const;

/** Spec rows of the groups area. */
export const groupsSpecs: SpecRow[] = [
  {
    method: 'getGroupById',
    input: { id: group.id },
    rawAnswers: { getGroupById: group },
    checks: [{ action: 'read', object: groupObject }],
    returns: group,
  },
  {
    method: 'getGroupByName',
    input: { organizationId: org.id, name: group.name },
    rawAnswers: { getGroupByName: group },
    checks: [{ action: 'read', object: groupObject }],
    returns: group,
  },
  {
    method: 'listGroups',
    input: { organizationId: org.id },
    rawAnswers: { listGroups: [group] },
    checks: [{ action: 'read', filter: 'group' }],
    returns: [group],
  },
  {
    method: 'insertGroup',
    input: { organizationId: org.id, name: 'devs' },
    rawAnswers: { insertGroup: group },
    checks: [{ action: 'create', object: { type: 'group', org: org.id } }],
    returns: group,
    rawCalls: ['insertGroup'],
  },
  {
    method: 'updateGroup',
    input: { id: group.id, displayName: 'Developers' },
    rawAnswers: { updateGroup: group },
    checks: [{ action: 'update', filter: 'group' }],
    returns: group,
    rawCalls: ['updateGroup'],
  },
  {
    method: 'deleteGroup',
    input: { id: group.id },
    rawAnswers: { deleteGroup: undefined },
    checks: [{ action: 'delete', filter: 'group' }],
    returns: undefined,
    rawCalls: ['deleteGroup'],
  },
  {
    method: 'insertGroupMember',
    input: { groupId: group.id, userId: user.id },
    rawAnswers: {
      getGroupById: group,
      getOrganizationMember: { organizationId: group.organizationId, userId: user.id },
      insertGroupMember: byGroup,
    },
    checks: [{ action: 'update', object: groupObject }],
    returns: byGroup,
    rawCalls: ['getGroupById', 'getOrganizationMember', 'insertGroupMember'],
  },
  {
    // The new member must belong to the group's org: checked after the group update check.
    method: 'insertGroupMember',
    input: { groupId: group.id, userId: user.id },
    rawAnswers: {
      getGroupById: group,
      getOrganizationMember: new NotFoundError('organization member'),
    },
    checks: [{ action: 'update', object: groupObject }],
    rejects: 'invalid_input',
    rawCalls: ['getGroupById', 'getOrganizationMember'],
  },
  {
    method: 'deleteGroupMember',
    input: { groupId: group.id, userId: user.id },
    rawAnswers: { deleteGroupMember: undefined },
    checks: [{ action: 'update', filter: 'group' }],
    returns: undefined,
    rawCalls: ['deleteGroupMember'],
  },
  {
    // The group is looked up for its org and ACL, then the member rows are filtered in SQL.
    method: 'listGroupMembers',
    input: byGroup,
    rawAnswers: { getGroupById: group, listGroupMembers: [groupMember] },
    // Could the actor read its own membership row there? Only then is the filter compiled.
    checks: [ownRow, { action: 'read', filter: 'group_member' }],
    returns: [groupMember],
    rawCalls: ['getGroupById', 'listGroupMembers'],
  },
  {
    method: 'countGroupMembers',
    input: byGroup,
    rawAnswers: { getGroupById: group, countGroupMembers: 4 },
    checks: [ownRow, { action: 'read', filter: 'group_member' }],
    returns: 4,
    rawCalls: ['getGroupById', 'countGroupMembers'],
  },
  {
    // An outsider to the group's org: [] / 0 without a list query, as for a missing group.
    method: 'countGroupMembers',
    input: byGroup,
    rawAnswers: { getGroupById: group, countGroupMembers: 4 },
    checks: [{ ...ownRow, allowed: false }],
    returns: 0,
    rawCalls: ['getGroupById'],
  },
  {
    method: 'getGroupsOfUser',
    input: { userId: user.id, organizationId: org.id },
    rawAnswers: { getGroupsOfUser: [group] },
    checks: [
      {
        action: 'read',
        object: { type: 'group_member', id: user.id, owner: user.id, org: org.id },
      },
    ],
    returns: [group],
  },
  {
    method: 'getGroupsOfUser',
    input: { userId: user.id },
    rawAnswers: { getGroupsOfUser: [group] },
    checks: [{ action: 'read', object: { type: 'group_member', id: user.id, owner: user.id } }],
    returns: [group],
  },
];
