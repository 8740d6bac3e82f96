import type { SlotSnapshot } from '../notifications';
import type { CastingLimits, Performance } from '../performance';

/** A performance with the live counts that the database keeps beside it. */
export interface PerformanceState {
  readonly performance: Performance;
  /** Places taken per slot id. */
  readonly slotTaken: ReadonlyMap<string, number>;
  /** Performers cast per character id. */
  readonly characterCast: ReadonlyMap<string, number>;
  /** Performers cast per slot id (of the sign-ups in that slot); absent where the count was never kept. */
  readonly slotCast?: ReadonlyMap<string, number>;
}

/** A slot as its sign-ups see it: when and where it is, and how many it takes. */
export interface SeenSlot {
  readonly snapshot: Omit<SlotSnapshot, 'slotId'>;
  readonly capacity: number;
}

/** A slot that an edit keeps, as its sign-ups saw it before the edit and see it after (`keptSlots`). */
export interface KeptSlot {
  readonly slotId: string;
  readonly before: SeenSlot;
  readonly after: SeenSlot;
}

/**
 * Where performances are kept. The store decides races with conditions: a write based on a stale version fails
 * with `VersionConflictError`, whatever the caller checked before.
 */
export interface PerformanceStore {
  /** The performance with its counts; `NotFoundError` when there is none (or it is being deleted). */
  read(performanceId: string): Promise<PerformanceState>;
  /** As `read`, for its owner only: another user gets `NotFoundError`, so nobody learns others' ids. */
  readOwned(performanceId: string, ownerId: string): Promise<PerformanceState>;
  /** Several performances by id; missing and deleted ones are left out. */
  readMany(performanceIds: readonly string[]): Promise<Performance[]>;
  /** An owner's performances, newest first. */
  listOwned(ownerId: string): Promise<Performance[]>;
  /** Stores a new performance (version 1). */
  create(performance: Performance): Promise<void>;
  /**
   * Stores `after` in place of the version before it (`after.version - 1`) if that is still the stored one, and
   * only while every slot it changes holds no more sign-ups than its new capacity (`InUseError`). A sign-up decided
   * on a slot as it was before the edit is refused from then on, so a sign-up racing the edit cannot overfill or
   * mistime it. `kept` is every slot the edit keeps, as `keptSlots(before, after)` sees it (the zone conversion
   * stays in the domain, so the store's code does not carry it into every function that builds the stores).
   * `limits` (`castingLimits(before, after)`) is checked in the same write: a slot it removes must hold nobody cast,
   * a character it removes or shrinks no more cast than its new places (`InUseError`, as `editPerformance` says),
   * however a casting raced the edit.
   */
  replace(after: Performance, kept: readonly KeptSlot[], limits: CastingLimits): Promise<void>;
  /** Deletes a performance (its owner's): it leaves search at once; sign-ups are followed up afterwards. */
  remove(performance: Performance, now: Date): Promise<void>;
  /** Closes casting; every open sign-up is given its final status afterwards. */
  closeCasting(performanceId: string, ownerId: string, now: Date): Promise<void>;
}
