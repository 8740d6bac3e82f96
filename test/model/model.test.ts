import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api';
import { directoryArbitraries, listingArbitrary } from './directory';
import { commandArbitraries, moveIntoPastArbitrary, openingArbitrary, signUpArbitrary } from './commands';
import type { Pool, Real } from './harness';
import { createPool, endRun, startRun } from './harness';
import type { Model } from './model';
import type { OpenApiDocument } from './openapi-check';

/**
 * The model-based test: random sequences of real API calls against the local stack, each step compared with the
 * reference model (test/model/model.ts). `npm test` runs a few short sequences with a fixed seed;
 * `npm run test:model -- --runs N [--seed S]` runs many (MODEL_RUNS, MODEL_SEED, MODEL_COMMANDS, MODEL_PATH).
 */
const runs = Number(process.env.MODEL_RUNS ?? 5);
const seed = Number(process.env.MODEL_SEED ?? 20261130);
const maxCommands = Number(process.env.MODEL_COMMANDS ?? 12);
const path = process.env.MODEL_PATH;

let pool: Pool;
let doc: OpenApiDocument;
let runCounter = 0;
let steps = 0;
/** How often each route answered each status: what the sequences reached. */
const reached = new Map<string, number>();

/** A logged call with its ids as the route's parameters: `POST /performances/{id}/castings/{performerId} → 200`. */
function templatedPath(line: string): string {
  return line
    .replace(/ at .*/, '')
    .replace(/\?[^ ]*/, '')
    .replace(/\/performances\/(?!\{)[^/ ]+/, '/performances/{id}')
    .replace(/\/castings\/[^/ ]+/, '/castings/{performerId}')
    .replace(/\/performers\/[^/ ]+/, '/performers/{performerId}')
    .replace(/\/signups\/[^/ ]+\/calendar/, '/signups/{id}/calendar')
    .replace(/\/me\/invitations\/[^/ ]+/, '/me/invitations/{invitationId}');
}

function freshModel(real: Real): Model {
  return {
    clock: Date.now(),
    performers: real.pool.performers.map((p) => ({ email: p.email, timeZone: p.homeZone })),
    directors: real.pool.directors.map((d) => ({ email: d.email, timeZone: d.homeZone })),
    contacts: { director: `dir-${real.runTag}@example.com`, castingDirector: `cas-${real.runTag}@example.com` },
    performances: [],
    signUps: [],
    emails: [],
    listings: real.pool.performers.map(() => ({ listed: false, invitations: true, tagged: false, skills: [] })),
    invitations: [],
  };
}

describe('the model-based test', () => {
  beforeAll(async () => {
    pool = await createPool();
    doc = (await api<OpenApiDocument>('GET', '/openapi.json')).body;
  }, 120_000);

  it(
    'random sequences of API calls behave as the reference model says, step by step',
    async () => {
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(
          // Every sequence opens with one or two performances, so the other commands have something to act on.
          // a few sign-ups and often an audition already held, so casting, undoing it and closing are reached
          // within a short sequence.
          fc.array(openingArbitrary, { minLength: 1, maxLength: 2 }),
          fc.array(signUpArbitrary, { minLength: 1, maxLength: 3 }),
          fc.option(moveIntoPastArbitrary, { nil: undefined }),
          // Often a listed performer or two, so invitations are sent (and refused) within a short sequence.
          fc.array(listingArbitrary, { maxLength: 2 }),
          fc.commands([...commandArbitraries, ...directoryArbitraries], { maxCommands, size: 'max' }),
          async (creates, signUps, held, listings, commands) => {
            const opening = [...creates, ...signUps, ...(held ? [held] : []), ...listings];
            runCounter += 1;
            // A progress line on long runs (fast-check replays and shrinks count as runs too).
            if (runs > 20 && runCounter % 25 === 0) {
              process.stderr.write(
                `model test: ${runCounter} sequences, ${steps} calls, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
              );
            }
            const runStartedAt = new Date().toISOString();
            const real = await startRun(pool, doc, `zq${Date.now().toString(36)}r${runCounter}`);
            const model = freshModel(real);
            try {
              await fc.asyncModelRun(() => ({ model, real }), [...opening, ...commands]);
            } catch (error) {
              (error as Error).message +=
                `\nThis sequence started at ${runStartedAt} (its slots sit at local hours relative to then: replay ` +
                `with --at ${runStartedAt})\nLast calls:\n  ${real.log.slice(-12).join('\n  ')}`;
              throw error;
            } finally {
              steps += real.log.length;
              for (const line of real.log) {
                const key = templatedPath(line);
                reached.set(key, (reached.get(key) ?? 0) + 1);
              }
              if (process.env.MODEL_VERBOSE) console.log(`run ${runCounter}: ${[...opening, ...commands].join(' ; ')}`);
              await endRun(model, real);
            }
          },
        ),
        {
          numRuns: runs,
          seed,
          ...(path ? { path } : {}),
          endOnFailure: process.env.MODEL_SHRINK === 'false',
          // A bound on the whole search, shrinking included; what was found by then is reported.
          ...(process.env.MODEL_TIME_LIMIT_MS
            ? { interruptAfterTimeLimit: Number(process.env.MODEL_TIME_LIMIT_MS), markInterruptAsFailure: false }
            : {}),
        },
      );
      console.log(
        `model test: ${runs} runs, ${steps} calls, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      console.log(
        [...reached]
          .sort()
          .map(([k, n]) => `  ${k}: ${n}`)
          .join('\n'),
      );
      // A replayed path runs that one sequence (and its shrinks), not `runs` sequences.
      if (!path) expect(runCounter).toBeGreaterThanOrEqual(runs);
    },
    Number(process.env.MODEL_TIMEOUT_MS ?? 120_000),
  );
});
