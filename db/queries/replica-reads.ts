/**
 * Reads that always go to the primary, even when the store has a replica: the ones that decide who
 * the caller is and what it may do (API keys, an agent token and its workspace, roles), so a
 * revoke, a deleted key or workspace or a suspended user is honoured at once rather than after the
 * replica's lag; secret values (a deleted or rotated secret is never served); and one that writes.
 */
export const PRIMARY_READS: ReadonlySet<string> = new Set([
  'getApiKeyAuthorization',
  'getApiKeyById',
  'getAuthorizationUserRoles',
  'getCustomRolesByNames',
  'getUserRoles',
  'getWorkspaceAgentByAuthToken',
  'getWorkspaceByAgentId',
  'getUserSecretByName',
  'listUserSecretsWithValues',
  'getAndResetBoundaryUsageSummary',
]);

/** Whether a raw method is a read (`get`, `list`, `count`) that a replica may answer. */
export function readsOnReplica(name: string): boolean {
  return /^(get|list|count)[A-Z]/.test(name) && !PRIMARY_READS.has(name);
}
