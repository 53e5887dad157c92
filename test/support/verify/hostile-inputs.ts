/** Every input field name the raw store's schemas use (from `db/queries/*.ts`), plus a few near misses. */
export const inputFieldNames =
  `action activeVersionId agentId agentName allowList allowed architecture
authToken autostartSchedule avatarUrl before buildId buildNumber code connectionId createdBy data
deadline defaultOrgMemberRoles deleted description diff directory disconnectReason disconnectTime
displayName dormant dormantAt email env envName event expiresAt filePath fileId groupAcl groupId hash
hashedSecret icon id includeSystem initiatorId input ip isDefault isSystem jobId lastUsed limit logs
matchedRule memberPermissions memberUserId message method mimetype name negate offset
operatingSystem orgPermissions organizationId ownerId provisioners quotaAllowance rbacRoles readme
reason replicaId requestId requireActiveVersion resourceId resourceTarget resourceType roles scopes
search sessionId shareableWorkspaceOwners since sitePermissions state status statusCode templateId
templateVersionId time tokenName transition type until url userAcl userAgent userId userPermissions
username value version workerId workspaceId workspaceName workspaceOwnerId`.split(/\s+/);

/** One hostile value, named for messages. */
export interface HostileValue {
  readonly label: string;
  readonly value: unknown;
}

const oversized = 'a'.repeat(200_000);

/** Values no field of any store input should accept as meaningful, and that must never reach SQL raw. */
export const hostileValues: readonly HostileValue[] = [
  { label: 'malformed id', value: 'not-a-uuid' },
  { label: 'almost a uuid', value: '6a3c0c4e-0000-4000-8000-00000000000g' },
  { label: 'sql', value: "x'); drop table users; --" },
  { label: 'sql uuid-ish', value: "00000000-0000-0000-0000-000000000000' or '1'='1" },
  { label: 'oversized', value: oversized },
  { label: 'control characters', value: 'a\u0000b\u0007\u001b[2J\ud800' },
  { label: 'nested object', value: { $ne: null, toString: 'x' } },
  { label: 'negative', value: -1 },
  { label: 'infinite', value: Number.POSITIVE_INFINITY },
  { label: 'NaN', value: Number.NaN },
  { label: 'array of junk', value: ["'; --", null, {}] },
  { label: 'null', value: null },
];

/** Whole inputs that are not objects at all, or lack every field. */
export const hostileWholeInputs: readonly HostileValue[] = [
  { label: 'undefined', value: undefined },
  { label: 'null input', value: null },
  { label: 'number input', value: 42 },
  { label: 'string input', value: "'; drop table users; --" },
  { label: 'array input', value: [] },
  {
    label: 'prototype pollution',
    value: JSON.parse('{"__proto__": {"id": "x"}, "constructor": {}}'),
  },
];

/**
 * The hostile inputs of one call: whole non-object inputs, then every field set to one hostile
 * value. `fields` are the method's own input fields (unknown fields are refused before any value is
 * looked at, so a hostile value must sit in a field the method reads); default: every field name.
 */
export function hostileInputs(fields: readonly string[] = inputFieldNames): HostileValue[] {
  return [
    ...hostileWholeInputs,
    ...hostileValues.map(({ label, value }) => ({
      label: `every field ${label}`,
      value: Object.fromEntries(fields.map((name) => [name, value])),
    })),
  ];
}
