import { templateObject } from '../../dbauthz/resources/templates.ts';
import { userSecretObject } from '../../dbauthz/resources/user-secrets.ts';
import { workspaceObject } from '../../dbauthz/resources/workspaces.ts';
import { type Action, explain, object, type RbacObject, type Subject } from '../../rbac/index.ts';
import { describeExplanation } from '../describe-explanation.ts';
import type { Deployment } from '../seed/seed-deployment.ts';

interface Question {
  readonly who: string;
  readonly action: Action;
  readonly object: RbacObject;
  readonly what: string;
}

/**
 * A few denials (and one ACL allow) from the matrix, explained by the engine's `explain`: which
 * level and role decided, or why nothing did. Org ids are shown by name.
 */
export function explainedDenials(d: Deployment, subjects: ReadonlyMap<string, Subject>): string {
  const p = d.people;
  const newWorkspace = (owner: string) => object('workspace').withOwner(owner).inOrg(d.acme.id);
  const questions: Question[] = [
    {
      who: 'max',
      action: 'create',
      object: newWorkspace(p.memberNoAccess.id),
      what: 'create a workspace in acme',
    },
    {
      who: 'bella',
      action: 'create',
      object: newWorkspace(p.bannedMember.id),
      what: 'create a workspace in acme',
    },
    {
      who: 'olivia',
      action: 'create',
      object: newWorkspace(p.owner.id),
      what: 'create a workspace in acme',
    },
    {
      who: 'mia',
      action: 'update',
      object: templateObject(d.templates.gpuBox.template),
      what: "read mia-dev's provisioner state (template update)",
    },
    {
      who: 'max',
      action: 'read',
      object: templateObject(d.templates.gpuBox.template),
      what: 'read the gpu-box template',
    },
    {
      who: 'gina',
      action: 'read',
      object: templateObject(d.templates.gpuBox.template),
      what: 'read the gpu-box template',
    },
    {
      who: 'olivia',
      action: 'read',
      object: userSecretObject(p.member.id),
      what: "read mia's secret",
    },
    {
      who: 'mia',
      action: 'read',
      object: workspaceObject(d.workspaces.bellaOld.workspace),
      what: "read bella's dormant workspace",
    },
  ];
  const names = new Map<string, string>([
    [d.acme.id, 'acme'],
    [d.globex.id, 'globex'],
    [d.frontend.id, 'frontend'],
    ...Object.values(p).map((u) => [u.id, u.username] as [string, string]),
  ]);
  const lines: string[] = [];
  for (const q of questions) {
    const subject = subjects.get(q.who);
    if (subject === undefined) continue;
    const explanation = explain(subject, q.action, q.object);
    lines.push(`- ${q.who} may ${q.what}? ${describeExplanation(explanation, names)}`);
  }
  return lines.join('\n');
}
