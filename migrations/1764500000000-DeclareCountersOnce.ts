import { MigrationInterface, QueryRunner } from 'typeorm';
import { createCounterTriggers, dropCounterTriggers } from './1764300000000-AddPostCountersKeptByTriggers';
import { addCounter, Counter, createCounterRegistry, dropCounter, dropCounterRegistry } from './counters';

const COUNTERS: Counter[] = [
  { name: 'posts_votes_count', source: 'votes', key: 'post_id', target: 'posts', column: 'votes_count' },
  { name: 'users_drafts_count', source: 'posts', key: 'owner_id', target: 'users', column: 'drafts_count', where: (p) => `NOT ${p}.published`, whereColumns: ['published'] },
  { name: 'post_totals_published', source: 'posts', key: null, target: 'post_totals', column: 'published', where: (p) => `${p}.published`, whereColumns: ['published'] },
];

/**
 * The three counters of AddPostCountersKeptByTriggers, written by hand there, become
 * declarations of the counter helper (migrations/counters.ts), which writes each one's
 * triggers, recount and drift check: adding a counter is then one declaration.
 * recount_post_counters(), which operators know, now recounts every registered counter.
 */
export class DeclareCountersOnce1764500000000 implements MigrationInterface {
  name = 'DeclareCountersOnce1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await dropCounterTriggers(q);
    await createCounterRegistry(q);
    for (const counter of COUNTERS) await addCounter(q, counter);
    await q.query(`CREATE FUNCTION recount_post_counters() RETURNS void LANGUAGE sql AS $$ SELECT recount_counters() $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION recount_post_counters()`);
    for (const counter of [...COUNTERS].reverse()) await dropCounter(q, counter);
    await dropCounterRegistry(q);
    await createCounterTriggers(q);
  }
}
