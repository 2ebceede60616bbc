import type { QueryRunner } from 'typeorm';

/**
 * A count kept by the database: `target.column` holds the number of rows of `source`
 * (those for which `where` holds) whose `key` column names the target row (its `id`).
 * Without a key, the target is a table of one row and the count covers all of `source`.
 *
 * The tables stay the truth and the counter is derived from them by triggers, so it is
 * exact whoever writes: the API, a bulk import in plain SQL, a cascade, a TRUNCATE.
 * - INSERT and DELETE: statement-level triggers with transition tables, so a bulk INSERT
 *   of a million rows moves each target row once, not once per row.
 * - UPDATE of the key or of a column `where` reads: a row-level trigger (statement-level
 *   ones with transition tables cannot name their columns, and would then fire on every
 *   update of the table, the counters' own included). A source whose updates come in
 *   bulk (notifications marked read by the thousand) and whose every update may move a
 *   count says `updates: 'statement'`: then one statement-level trigger nets the old and
 *   new rows, where row-level ones would update one target row once per source row.
 * - A counter that does not move leaves its target row alone, so that writes which do not
 *   count (a draft, for the total of published posts) never wait on a hot row.
 * - Concurrent writes that count on one target row serialise on that row's lock until
 *   commit, which is what keeps the count from drifting.
 *
 * Every counter is registered in the `counters` table. `recount_counters()` recomputes
 * all of them from the tables (after anything that bypassed the triggers:
 * `session_replication_role = replica`, `ALTER TABLE ... DISABLE TRIGGER`), and
 * `counter_drift()` lists every counter that differs from a count, for tests and checks.
 */
export interface Counter {
  /** Names the counter's functions and triggers, e.g. `posts_votes_count`. */
  name: string;
  source: string;
  /** The source column naming the target row; null for a one-row target. */
  key: string | null;
  target: string;
  column: string;
  /** Which source rows count, as SQL on the row aliased `row` (e.g. `row => \`${row}.published\``). */
  where?: (row: string) => string;
  /** The source columns `where` reads: updating one can move a row in or out of the count. */
  whereColumns?: string[];
  /** How updates of the source are counted (see above); `row` when absent. */
  updates?: 'row' | 'statement';
}

const condition = (c: Counter, row: string) => (c.where ? `coalesce((${c.where(row)}), false)` : 'true');

/** The change a set of rows (a transition table) makes to the counter, signed. */
function applyChange(c: Counter, rows: string, sign: '+' | '-'): string {
  if (c.key === null) {
    return `SELECT count(*) INTO n FROM ${rows} row WHERE ${condition(c, 'row')};
          IF n <> 0 THEN UPDATE ${c.target} SET ${c.column} = ${c.column} ${sign} n; END IF;`;
  }
  return `UPDATE ${c.target} t SET ${c.column} = t.${c.column} ${sign} d.n
          FROM (SELECT row.${c.key} AS id, count(*)::int AS n FROM ${rows} row WHERE ${condition(c, 'row')} GROUP BY row.${c.key}) d
          WHERE t.id = d.id;`;
}

/** An UPDATE statement's net change to the counter: rows that count now, less rows that counted before. */
function applyNetChange(c: Counter): string {
  const side = (rows: string, sign: string) =>
    c.key === null
      ? `SELECT ${sign}count(*) AS n FROM ${rows} row WHERE ${condition(c, 'row')}`
      : `SELECT row.${c.key} AS id, ${sign}count(*) AS n FROM ${rows} row WHERE ${condition(c, 'row')} GROUP BY row.${c.key}`;
  if (c.key === null) {
    return `SELECT sum(x.n) INTO n FROM (${side('new_rows', '')} UNION ALL ${side('old_rows', '-')}) x;
          IF n <> 0 THEN UPDATE ${c.target} SET ${c.column} = ${c.column} + n; END IF;`;
  }
  return `UPDATE ${c.target} t SET ${c.column} = t.${c.column} + d.n
          FROM (SELECT x.id, sum(x.n)::int AS n FROM (${side('new_rows', '')} UNION ALL ${side('old_rows', '-')}) x GROUP BY x.id HAVING sum(x.n) <> 0) d
          WHERE t.id = d.id;`;
}

/** SQL: the counter as the tables say it should be, per target row (`id`, `counted`). */
function counted(c: Counter): string {
  if (c.key === null) return `SELECT NULL::text AS id, count(*)::bigint AS counted FROM ${c.source} row WHERE ${condition(c, 'row')}`;
  return `SELECT t.id::text AS id, count(row.${c.key}) FILTER (WHERE ${condition(c, 'row')})::bigint AS counted
          FROM ${c.target} t LEFT JOIN ${c.source} row ON row.${c.key} = t.id GROUP BY t.id`;
}

function upStatements(c: Counter): string[] {
  const keyed = c.key !== null;
  const movedBy = [...(keyed ? [c.key as string] : []), ...(c.whereColumns ?? [])];
  const statements = [
    `CREATE FUNCTION ${c.name}_after_statement() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE
       n bigint;
     BEGIN
       IF TG_OP = 'INSERT' THEN
         ${applyChange(c, 'new_rows', '+')}
       ELSIF TG_OP = 'DELETE' THEN
         ${applyChange(c, 'old_rows', '-')}
       ELSIF TG_OP = 'UPDATE' THEN
         ${c.updates === 'statement' ? applyNetChange(c) : 'NULL;'}
       ELSE -- TRUNCATE
         UPDATE ${c.target} SET ${c.column} = 0 WHERE ${c.column} <> 0;
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${c.name}_on_insert AFTER INSERT ON ${c.source} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${c.name}_after_statement()`,
    `CREATE TRIGGER ${c.name}_on_delete AFTER DELETE ON ${c.source} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${c.name}_after_statement()`,
    `CREATE TRIGGER ${c.name}_on_truncate AFTER TRUNCATE ON ${c.source} FOR EACH STATEMENT EXECUTE FUNCTION ${c.name}_after_statement()`,
  ];
  if (c.updates === 'statement') {
    statements.push(
      `CREATE TRIGGER ${c.name}_on_update AFTER UPDATE ON ${c.source} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ${c.name}_after_statement()`,
    );
  } else if (movedBy.length > 0) {
    const target = (row: string) => (keyed ? `WHERE id = ${row}.${c.key}` : '');
    const moved = [...(keyed ? [`OLD.${c.key} IS DISTINCT FROM NEW.${c.key}`] : []), `${condition(c, 'OLD')} IS DISTINCT FROM ${condition(c, 'NEW')}`];
    statements.push(
      `CREATE FUNCTION ${c.name}_after_row_update() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF ${condition(c, 'OLD')} THEN UPDATE ${c.target} SET ${c.column} = ${c.column} - 1 ${target('OLD')}; END IF;
         IF ${condition(c, 'NEW')} THEN UPDATE ${c.target} SET ${c.column} = ${c.column} + 1 ${target('NEW')}; END IF;
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER ${c.name}_on_update AFTER UPDATE OF ${movedBy.join(', ')} ON ${c.source}
       FOR EACH ROW WHEN (${moved.join(' OR ')}) EXECUTE FUNCTION ${c.name}_after_row_update()`,
    );
  }
  statements.push(
    `CREATE FUNCTION ${c.name}_drift() RETURNS TABLE (id text, kept bigint, counted bigint) LANGUAGE sql STABLE AS $$
       SELECT c.id, t.${c.column}::bigint, c.counted FROM (${counted(c)}) c
       JOIN ${c.target} t ON ${keyed ? 't.id::text = c.id' : 'true'}
       WHERE t.${c.column} <> c.counted
     $$`,
    `CREATE FUNCTION ${c.name}_recount() RETURNS void LANGUAGE sql AS $$
       UPDATE ${c.target} t SET ${c.column} = d.counted FROM ${c.name}_drift() d ${keyed ? 'WHERE t.id::text = d.id' : ''}
     $$`,
    `INSERT INTO counters (name, tables) VALUES ('${c.name}', ARRAY['${c.source}', '${c.target}'])`,
  );
  return statements;
}

function downStatements(c: Counter): string[] {
  const rowUpdates = c.updates !== 'statement' && (c.key !== null || (c.whereColumns ?? []).length > 0);
  return [
    `DELETE FROM counters WHERE name = '${c.name}'`,
    `DROP FUNCTION ${c.name}_recount()`,
    `DROP FUNCTION ${c.name}_drift()`,
    ...(rowUpdates ? [`DROP TRIGGER ${c.name}_on_update ON ${c.source}`, `DROP FUNCTION ${c.name}_after_row_update()`] : []),
    ...(c.updates === 'statement' ? [`DROP TRIGGER ${c.name}_on_update ON ${c.source}`] : []),
    `DROP TRIGGER ${c.name}_on_truncate ON ${c.source}`,
    `DROP TRIGGER ${c.name}_on_delete ON ${c.source}`,
    `DROP TRIGGER ${c.name}_on_insert ON ${c.source}`,
    `DROP FUNCTION ${c.name}_after_statement()`,
  ];
}

/** Creates the counter's triggers, functions and registration, then counts what the tables already hold. */
export async function addCounter(q: QueryRunner, c: Counter): Promise<void> {
  for (const sql of upStatements(c)) await q.query(sql);
  await q.query(`SELECT ${c.name}_recount()`);
}

/** The reverse of addCounter; the column stays (its migration drops it). */
export async function dropCounter(q: QueryRunner, c: Counter): Promise<void> {
  for (const sql of downStatements(c)) await q.query(sql);
}

/** The registry and the functions over every registered counter; made once, by the first migration that declares counters. */
export async function createCounterRegistry(q: QueryRunner): Promise<void> {
  await q.query(`CREATE TABLE counters (name text PRIMARY KEY, tables text[] NOT NULL)`);
  await q.query(`
    CREATE FUNCTION recount_counters() RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      c record;
    BEGIN
      -- No write may slip between a count and its store; two recounts wait for each other.
      -- One LOCK statement for all the tables, so that it cannot deadlock halfway.
      EXECUTE (SELECT 'LOCK TABLE ' || string_agg(DISTINCT quote_ident(t), ', ') || ' IN SHARE ROW EXCLUSIVE MODE' FROM counters, unnest(tables) t);
      FOR c IN SELECT name FROM counters ORDER BY name LOOP
        EXECUTE format('SELECT %I()', c.name || '_recount');
      END LOOP;
    END $$`);
  await q.query(`
    CREATE FUNCTION counter_drift() RETURNS TABLE (counter text, id text, kept bigint, counted bigint) LANGUAGE plpgsql STABLE AS $$
    DECLARE
      c record;
    BEGIN
      FOR c IN SELECT name FROM counters ORDER BY name LOOP
        RETURN QUERY EXECUTE format('SELECT %L::text, d.* FROM %I() d', c.name, c.name || '_drift');
      END LOOP;
    END $$`);
}

export async function dropCounterRegistry(q: QueryRunner): Promise<void> {
  await q.query(`DROP FUNCTION counter_drift()`);
  await q.query(`DROP FUNCTION recount_counters()`);
  await q.query(`DROP TABLE counters`);
}
