import { type SystemActorName, systemActorGrants } from './system-actors.ts';

/** The markdown table of every system actor's permissions, generated from the grants data. */
export function systemActorPermissionTable(): string {
  const lines = ['| system actor | resource type | actions |', '| --- | --- | --- |'];
  for (const [name, grants] of Object.entries(systemActorGrants) as [SystemActorName, object][]) {
    for (const [type, actions] of Object.entries(grants) as [string, readonly string[]][]) {
      lines.push(`| \`${name}\` | \`${type}\` | ${[...actions].sort().join(', ')} |`);
    }
  }
  return lines.join('\n');
}
