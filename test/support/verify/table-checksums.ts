import type postgres from 'postgres';

/**
 * An md5 of every row of every table in the public schema (rows as text, sorted), keyed by table
 * name, so a test can show that a call changed nothing anywhere.
 */
export async function tableChecksums(client: postgres.Sql): Promise<Record<string, string>> {
  const tables = await client<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await client<{ sum: string }[]>`
      select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) || ':' || count(*) as sum
      from ${client(name)} t`;
    out[name] = row!.sum;
  }
  return out;
}
