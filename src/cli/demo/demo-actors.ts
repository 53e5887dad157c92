import type { User } from '../../../db/types.ts';
import type { Deployment } from '../seed/seed-deployment.ts';

/** One row of the matrix: a person and the part they play. */
export interface DemoActor {
  readonly user: User;
  readonly part: string;
}

/** The people of the demo in row order, each with the roles that explain their row. */
export function demoActors(d: Deployment): readonly DemoActor[] {
  const p = d.people;
  return [
    { user: p.owner, part: 'owner' },
    { user: p.auditor, part: 'auditor' },
    { user: p.templateAdmin, part: 'template-admin' },
    { user: p.orgAdmin, part: 'acme org admin' },
    { user: p.member, part: 'acme member (frontend)' },
    { user: p.memberNoAccess, part: 'acme, no workspace access' },
    { user: p.bannedMember, part: 'acme, creation ban' },
    { user: p.orgAuditor, part: 'globex org auditor' },
    { user: p.otherOrgMember, part: 'globex member' },
  ];
}
