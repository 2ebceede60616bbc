/**
 * Searches known to have more published matches than SEARCH_COUNT_LIMIT, so that a
 * repeated search for a common word is not counted again: the feed answers
 * "past the limit" (X-Total-Count-Capped) without confirming 10,001 matches.
 *
 * A search stays past the limit until enough of its published matches leave, and
 * only a removal (a post deleted, unpublished or retitled) can make one leave:
 * post_totals.removals counts them, kept by triggers (migration
 * AddPostRemovalsCounter). So a search counted with `spare` matches beyond the
 * limit is known to be past it while removals has moved by at most `spare` since;
 * the feed statement reads the counter and counts only when it has moved more.
 * Exact, for every instance, whoever writes. The age limit bounds what a write
 * that bypassed the triggers (session_replication_role) could leave stale.
 */
export class SearchCounts {
  private readonly known = new Map<string, { overUntil: string; at: number }>();

  constructor(
    private readonly maxEntries = 1000,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The removals value up to which `search` is known to be past the limit, if it is. */
  overUntil(search: string): string | undefined {
    const entry = this.known.get(search);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at > this.maxAgeMs) {
      this.known.delete(search);
      return undefined;
    }
    return entry.overUntil;
  }

  /** What the feed statement found: past the limit until `overUntil`, or (undefined) not known to be. */
  record(search: string, overUntil: string | undefined): void {
    this.known.delete(search);
    if (overUntil === undefined) return;
    // A Map iterates in insertion order: the first key is the oldest entry.
    if (this.known.size >= this.maxEntries) this.known.delete(this.known.keys().next().value!);
    this.known.set(search, { overUntil, at: this.now() });
  }
}
