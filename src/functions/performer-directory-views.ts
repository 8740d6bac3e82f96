import type { PerformanceRef } from '../domain/career';
import type { DirectorySummary } from '../domain/directory';
import type { Profile } from '../domain/profile';

/**
 * A performer as a directory result: what they play and where. Built field by field (never by spreading a stored
 * item), so no contact detail can slip into a directory response.
 */
export function directoryCardView(summary: DirectorySummary, photos: readonly { photoId: string; url: string }[]) {
  return {
    performerId: summary.performerId,
    name: summary.name,
    ageMin: summary.ageMin,
    ageMax: summary.ageMax,
    gender: summary.gender,
    genderCategory: summary.genderCategory,
    voiceType: summary.voiceType,
    skills: summary.skills,
    languages: summary.languages,
    unions: summary.unions,
    city: summary.city,
    country: summary.country,
    photos: [...photos],
  };
}

/** A listed performer's directory page: the card, bio, links, credits and career; no contact details. */
export function directoryPerformerView(
  summary: DirectorySummary,
  profile: Profile,
  career: { current: PerformanceRef[]; past: PerformanceRef[] },
  photos: readonly { photoId: string; url: string }[],
) {
  return {
    ...directoryCardView(summary, photos),
    bio: profile.bio,
    links: { reel: profile.links?.reel, website: profile.links?.website },
    credits: profile.credits ?? [],
    currentPerformances: career.current,
    pastPerformances: career.past,
  };
}
