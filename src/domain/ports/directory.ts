import type { DirectoryProfile, DirectorySummary } from '../directory';

/** A directory index entry as read, with its position in the index (`<sort name>#<performer id>`). */
export interface DirectoryEntry extends DirectorySummary {
  readonly position: string;
}

/** One read of a facet's entries, in name order. */
export interface DirectoryRead {
  readonly facet: string;
  readonly limit: number;
  /** Continue after this position. */
  readonly startAfter?: string;
}

export interface DirectoryIndexPage {
  readonly entries: readonly DirectoryEntry[];
  /** The position to continue after, when the facet has more. */
  readonly lastPosition?: string;
}

/** The talent directory: one index entry per facet of each listed performer, in name order. */
export interface DirectoryIndex {
  /** At most `limit` entries of one facet, never a Scan. */
  read(request: DirectoryRead): Promise<DirectoryIndexPage>;
  /**
   * The directory summaries, as their profiles hold them now (a strongly consistent read), of those of these
   * performers who are listed now; the others are left out. What the index holds may lag behind a profile change;
   * this does not.
   */
  listedNow(performerIds: readonly string[]): Promise<Map<string, DirectorySummary>>;
  /** Makes the index match a profile after a change (each undefined when there is none). Safe to repeat. */
  sync(before: DirectoryProfile | undefined, after: DirectoryProfile | undefined): Promise<void>;
}
