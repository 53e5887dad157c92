import type { SpecRow } from '../support/spec-row.ts';
import { w, workspaceObj } from './workspace-fixtures.ts';

const { workspace, build, agent } = w;
const live = workspaceObj(workspace);
const viaBuild = { getWorkspaceBuildById: build, getWorkspaceById: workspace };
const created = { agent, authToken: 'b0d17000-0000-4000-8000-0000000000e1' };

/** Spec rows of the agents area. */
export const workspaceAgentsSpecs: SpecRow[] = [
  {
    method: 'insertWorkspaceAgent',
    input: { buildId: build.id, name: 'main' },
    // One guarded INSERT: the build's workspace must pass create_agent (live and dormant rows).
    rawAnswers: { insertWorkspaceAgent: created },
    checks: [
      { action: 'create_agent', filter: 'workspace' },
      { action: 'create_agent', filter: 'workspace_dormant' },
    ],
    returns: created,
    rawCalls: ['insertWorkspaceAgent'],
  },
  {
    method: 'getWorkspaceAgentById',
    input: { id: agent.id },
    rawAnswers: { getWorkspaceByAgentId: workspace, getWorkspaceAgentById: agent },
    checks: [{ action: 'read', object: live }],
    returns: agent,
    rawCalls: ['getWorkspaceByAgentId', 'getWorkspaceAgentById'],
  },
  {
    method: 'getWorkspaceAgentsByBuild',
    input: { buildId: build.id },
    rawAnswers: { ...viaBuild, getWorkspaceAgentsByBuild: [agent] },
    checks: [{ action: 'read', object: live }],
    returns: [agent],
    rawCalls: ['getWorkspaceBuildById', 'getWorkspaceById', 'getWorkspaceAgentsByBuild'],
  },
  {
    method: 'getWorkspaceAgentByAuthToken',
    input: { authToken: w.job.id },
    rawAnswers: { getWorkspaceAgentByAuthToken: agent },
    checks: [{ action: 'read', object: { type: 'system' } }],
    returns: agent,
    rawCalls: ['getWorkspaceAgentByAuthToken'],
  },
];
