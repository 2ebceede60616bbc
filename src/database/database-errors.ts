/** PostgreSQL SQLSTATE codes the app reacts to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_READ_ONLY_SQL_TRANSACTION = '25006';

/** The SQLSTATE of a driver error, whether TypeORM wrapped it or not. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a driver error names (a unique key, a check), whether TypeORM wrapped it or not. */
export function sqlConstraint(err: unknown): string | undefined {
  const e = err as { constraint?: unknown; driverError?: { constraint?: unknown } };
  const name = e?.driverError?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
}

/**
 * True for failures that mean "the database is not reachable right now" rather
 * than "this query is wrong": refused or dropped connections, a server shutting
 * down (SQLSTATE class 08 and 57P0x), and a pool that could not connect in time.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = sqlState(err);
  if (code && (code.startsWith('08') || /^57P0[1-4]$/.test(code) || code === '53300')) return true;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  const message = String((err as Error)?.message ?? '');
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established/i.test(
    message,
  );
}

/** The largest id a PostgreSQL `serial` column holds: larger ids cannot exist, so they are 404s. */
export const MAX_SERIAL_ID = 2_147_483_647;

export function isStorableId(id: number): boolean {
  return Number.isSafeInteger(id) && id >= 1 && id <= MAX_SERIAL_ID;
}
