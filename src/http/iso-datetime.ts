/** ISO-8601 with an explicit offset, as FastAPI writes timestamptz values: `2026-01-02T03:04:05.678+00:00`. */
export function isoDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}
