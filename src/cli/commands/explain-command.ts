import postgres from 'postgres';
import { createDatabase } from '../../../db/database.ts';
import { createRawStore, type RawStore } from '../../../db/queries/index.ts';
import { createAuthorizedStore } from '../../dbauthz/authorized-store.ts';
import { buildSubject } from '../../dbauthz/subject/build-subject.ts';
import {
  type Action,
  catalogue,
  explain,
  hasErrorCode,
  isResourceType,
  type RbacObject,
  type ResourceType,
  type Subject,
} from '../../rbac/index.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { requireDatabaseUrl } from '../database-url.ts';
import { describeExplanation } from '../describe-explanation.ts';
import { explainableTypes, objectLoaders } from '../load-object.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { describeObject, describeSubject, namesFor } from './describe-parties.ts';

/** Help text of `dbauthz explain`. */
export const explainHelp = `Usage: DATABASE_URL=postgres://... dbauthz explain --as <username> <action> <type> <id>

Builds <username>'s authorization subject from the database (site roles, org roles, groups),
reads the <type> row with <id> and maps it to an RBAC object as the authorized store does, then
prints the decision and its reason: the deciding level, role and permission, the ACL entry, or why
nothing allowed (no permission, a negative permission, not an org member, the scope).

Types: ${explainableTypes.join(', ')}
Example: dbauthz explain --as max create workspace 6f1c...   (a dormant workspace is checked as workspace_dormant)

Options:
  --as <username>  whose decision to explain (required)
  -h, --help       show this help`;

/** `dbauthz explain --as <username> <action> <type> <id>`: one decision, explained. */
export async function explainCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('explain', args, { as: { type: 'string' } });
  if (values.help) {
    io.out(explainHelp);
    return 0;
  }
  const [action, type, id, ...extra] = positionals;
  if (
    values.as === undefined ||
    action === undefined ||
    type === undefined ||
    id === undefined ||
    extra.length > 0
  ) {
    throw new CliError(
      'usage',
      'explain: expected --as <username> <action> <type> <id> (see dbauthz explain --help)',
    );
  }
  const checkedType = checkType(type);
  const checkedAction = checkAction(checkedType, action);
  const url = requireDatabaseUrl('explain', io);
  const client = postgres(url, { max: 2, onnotice: () => {}, connect_timeout: 5 });
  try {
    await ping(client);
    const raw = createRawStore(createDatabase(client));
    const subject = await subjectOf(raw, values.as);
    const object = await objectOf(raw, checkedType, id);
    const explanation = explain(subject, checkedAction, object);
    const names = await namesFor(raw, subject, object, values.as);
    io.out(
      `${values.as} ${explanation.allowed ? 'MAY' : 'may NOT'} ${checkedAction} ${object.type} ${id}`,
    );
    if (object.type !== checkedType)
      io.out(`(the row is checked as ${object.type}, as the store does)`);
    io.out(`decision: ${describeExplanation(explanation, names)}`);
    io.out(`subject: ${describeSubject(subject, names)}`);
    io.out(`object:  ${describeObject(object, names)}`);
    return 0;
  } finally {
    await client.end({ timeout: 5 });
  }
}

function checkType(type: string): ResourceType {
  if (!isResourceType(type)) {
    throw new CliError(
      'usage',
      `explain: unknown resource type "${type}" (explainable types: ${explainableTypes.join(', ')})`,
    );
  }
  if (!Object.hasOwn(objectLoaders, type)) {
    throw new CliError(
      'usage',
      `explain: cannot look up a ${type} by id (explainable types: ${explainableTypes.join(', ')})`,
    );
  }
  return type;
}

function checkAction(type: ResourceType, action: string): Action {
  const actions: readonly string[] = catalogue[type];
  if (!actions.includes(action)) {
    throw new CliError(
      'usage',
      `explain: unknown action "${action}" for ${type} (its actions: ${actions.join(', ')})`,
    );
  }
  return action as Action;
}

async function subjectOf(raw: RawStore, username: string): Promise<Subject> {
  try {
    const user = await raw.getUserByUsername({ username });
    return await buildSubject(createAuthorizedStore(raw), user.id);
  } catch (error) {
    if (hasErrorCode(error, 'not_found'))
      throw new CliError('unknown_user', `explain: no user named "${username}"`);
    throw error;
  }
}

async function objectOf(raw: RawStore, type: ResourceType, id: string): Promise<RbacObject> {
  const load = objectLoaders[type];
  if (load === undefined) throw new CliError('usage', `explain: cannot look up a ${type} by id`);
  try {
    return await load(raw, id);
  } catch (error) {
    if (hasErrorCode(error, 'not_found'))
      throw new CliError('unknown_object', `explain: no ${type} with id ${id}`);
    if (hasErrorCode(error, 'invalid_input')) {
      throw new CliError(
        'unknown_object',
        `explain: "${id}" is not a valid ${type} id (${messageOf(error)})`,
      );
    }
    throw error;
  }
}

/** Fails with a `no_database` error unless the database answers and has been migrated. */
async function ping(client: postgres.Sql): Promise<void> {
  let migrated: boolean;
  try {
    const [row] = await client`SELECT to_regclass('public.users') IS NOT NULL AS migrated`;
    migrated = row?.migrated === true;
  } catch (error) {
    throw new CliError(
      'no_database',
      `explain: cannot reach the database at DATABASE_URL: ${messageOf(error)}`,
      { cause: error },
    );
  }
  if (!migrated) {
    throw new CliError(
      'no_database',
      'explain: the database at DATABASE_URL has no dbauthz tables (run `dbauthz migrate`)',
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
