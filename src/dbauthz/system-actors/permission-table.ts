import {
  type SystemActorName,
  systemActorGrants,
  systemActorStoreLimits,
} from './system-actors.ts';

/**
 * The markdown table of every system actor's permissions, generated from the grants data, then
 * the store's limits on those grants (`systemActorStoreLimits`) as a list under it.
 */
export function systemActorPermissionTable(): string {
  const lines = ['| system actor | resource type | actions |', '| --- | --- | --- |'];
  const limits: string[] = [];
  for (const [name, grants] of Object.entries(systemActorGrants) as [SystemActorName, object][]) {
    for (const [type, actions] of Object.entries(grants) as [string, readonly string[]][]) {
      lines.push(`| \`${name}\` | \`${type}\` | ${[...actions].sort().join(', ')} |`);
      const limit = (systemActorStoreLimits[name] as Record<string, string> | undefined)?.[type];
      if (limit !== undefined) limits.push(`- \`${name}\`, \`${type}\`: ${limit}.`);
    }
  }
  if (limits.length === 0) return lines.join('\n');
  return [...lines, '', 'Limits the store adds to these grants:', '', ...limits].join('\n');
}
