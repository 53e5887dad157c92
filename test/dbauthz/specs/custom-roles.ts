import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { org } = fixtures;
const other = 'a0d17000-0000-4000-8000-0000000000f2';
const assignOrgRole = { type: 'assign_org_role', org: org.id } as const;
const viewer = {
  organizationId: org.id,
  name: 'viewer',
  orgPermissions: [
    { type: 'template', action: 'read', negate: false },
    { type: 'workspace', action: 'ssh', negate: false },
  ],
};
const stored = { id: 'a0d17000-0000-4000-8000-0000000000c1', ...viewer };
/** The escalation probes: the actor must itself hold each permission at the level it grants it. */
const probes = [
  { action: 'read', object: { type: 'template', org: org.id } },
  { action: 'ssh', object: { type: 'workspace', org: org.id } },
] as const;

/** Spec rows of the custom roles area. */
export const customRolesSpecs: SpecRow[] = [
  {
    method: 'insertCustomRole',
    input: viewer,
    rawAnswers: { insertCustomRole: stored },
    checks: [{ action: 'create', object: assignOrgRole }, ...probes],
    returns: stored,
    rawCalls: ['insertCustomRole'],
  },
  {
    // Granting what the actor does not hold is an escalation: nothing is written.
    method: 'insertCustomRole',
    input: viewer,
    rawAnswers: { insertCustomRole: stored },
    checks: [
      { action: 'create', object: assignOrgRole },
      probes[0],
      { ...probes[1], allowed: false },
    ],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    // Negatives and wildcards are refused without a probe.
    method: 'insertCustomRole',
    input: {
      organizationId: org.id,
      name: 'sneaky',
      orgPermissions: [
        { type: 'workspace', action: 'read', negate: true },
        { type: 'template', action: '*', negate: false },
      ],
    },
    checks: [{ action: 'create', object: assignOrgRole }],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    method: 'insertCustomRole',
    input: { ...viewer, name: 'owner' },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    // An org role may not reach beyond its org.
    method: 'insertCustomRole',
    input: { ...viewer, sitePermissions: [{ type: 'template', action: 'read', negate: false }] },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    method: 'insertCustomRole',
    input: { ...viewer, orgPermissions: [{ type: 'template', action: 'fly', negate: false }] },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    // Member permissions belong to system roles only: refused before any check.
    method: 'insertCustomRole',
    input: { ...viewer, memberPermissions: [{ type: 'workspace', action: 'ssh', negate: false }] },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    // A system role is never created through the store: refused before any check.
    method: 'insertCustomRole',
    input: { ...viewer, isSystem: true },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    // After the checks the stored role is looked up: it must not be a system role.
    method: 'updateCustomRole',
    input: viewer,
    rawAnswers: { getCustomRolesByNames: [stored], updateCustomRole: stored },
    checks: [{ action: 'update', object: assignOrgRole }, ...probes],
    returns: stored,
    rawCalls: ['getCustomRolesByNames', 'updateCustomRole'],
  },
  {
    method: 'updateCustomRole',
    input: viewer,
    rawAnswers: { getCustomRolesByNames: [{ ...stored, isSystem: true }] },
    checks: [{ action: 'update', object: assignOrgRole }, ...probes],
    rejects: 'forbidden',
    rawCalls: ['getCustomRolesByNames'],
  },
  {
    // Member permissions belong to system roles only, on update too.
    method: 'updateCustomRole',
    input: { ...viewer, memberPermissions: [{ type: 'workspace', action: 'ssh', negate: false }] },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    method: 'deleteCustomRole',
    input: { organizationId: org.id, name: 'viewer' },
    rawAnswers: { getCustomRolesByNames: [stored], deleteCustomRole: undefined },
    checks: [{ action: 'delete', object: assignOrgRole }],
    returns: undefined,
    rawCalls: ['getCustomRolesByNames', 'deleteCustomRole'],
  },
  {
    method: 'deleteCustomRole',
    input: { organizationId: org.id, name: 'viewer' },
    rawAnswers: { getCustomRolesByNames: [{ ...stored, isSystem: true }] },
    checks: [{ action: 'delete', object: assignOrgRole }],
    rejects: 'forbidden',
    rawCalls: ['getCustomRolesByNames'],
  },
  {
    method: 'listCustomRoles',
    input: { organizationId: org.id },
    rawAnswers: { listCustomRoles: [stored] },
    checks: [{ action: 'read', filter: 'assign_org_role' }],
    returns: [stored],
  },
  {
    method: 'getCustomRolesByNames',
    input: {
      roles: [
        { organizationId: org.id, name: 'viewer' },
        { organizationId: other, name: 'x' },
        { organizationId: org.id, name: 'y' },
      ],
    },
    rawAnswers: { getCustomRolesByNames: [stored] },
    checks: [
      { action: 'read', object: assignOrgRole },
      { action: 'read', object: { type: 'assign_org_role', org: other } },
    ],
    returns: [stored],
  },
];
