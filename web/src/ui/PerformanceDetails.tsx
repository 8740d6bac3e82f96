import type { ReactNode } from 'react';
import type { PerformanceView } from '../api/schemas';
import { hasPassed, duration, localWallClock } from '../app/time';
import { countryName } from '../forms/places';
import { Empty } from './Status';
import { When } from './When';
import { genderLabels, kindLabels, voiceTypeLabels } from './words';
import type { Gender, VoiceType } from '../api/schemas';

type Character = PerformanceView['characters'][number];

/** "Age 20–35 · Female · Soprano" from a character's optional attributes. */
export function attributesText(attributes: Character['attributes']): string {
  const parts: string[] = [];
  const { ageMin, ageMax, gender, voiceType } = attributes as {
    ageMin?: number;
    ageMax?: number;
    gender?: Gender;
    voiceType?: VoiceType;
  };
  if (ageMin !== undefined && ageMax !== undefined) parts.push(`Age ${ageMin}–${ageMax}`);
  else if (ageMin !== undefined) parts.push(`Age ${ageMin} or over`);
  else if (ageMax !== undefined) parts.push(`Age up to ${ageMax}`);
  if (gender) parts.push(genderLabels[gender] ?? gender);
  if (voiceType) parts.push(voiceTypeLabels[voiceType] ?? voiceType);
  return parts.join(' · ');
}

/** "2 of 3 places left", "Full", "Started". */
export function slotAvailability(slot: PerformanceView['slots'][number]): string {
  if (hasPassed(slot.startsAt.utc)) return 'Audition has begun';
  if (slot.remaining === 0) return 'Full';
  return `${slot.remaining} of ${slot.capacity} place${slot.capacity === 1 ? '' : 's'} left`;
}

/**
 * Everything about a performance a reader needs: what, where, when, who; every time in both zones.
 * `afterSlots` (the performer's sign-up form) comes right after the slots it refers to.
 */
export function PerformanceDetails({
  performance: p,
  myZone,
  afterSlots,
}: {
  readonly performance: PerformanceView;
  readonly myZone: string;
  readonly afterSlots?: ReactNode;
}) {
  const zone = p.venue.timeZone;
  const venueAddress = `${p.venue.name}\n${p.venue.address}`;
  return (
    <>
      <p className="muted">
        {kindLabels[p.kind]} · {p.venue.city}, {countryName(p.venue.country)}
        {p.castingClosed && <strong className="badge">Casting closed</strong>}
      </p>
      {p.description && <p className="prose">{p.description}</p>}

      <section aria-labelledby="venue-heading">
        <h2 id="venue-heading">{p.kind === 'filmed' ? 'Studio' : 'Venue'}</h2>
        <address className="prose">
          {p.venue.name}
          <br />
          {p.venue.address}
          <br />
          {p.venue.city}, {countryName(p.venue.country)}
        </address>
        <p className="muted">Local time there: {zone}.</p>
      </section>

      <section aria-labelledby="dates-heading">
        <h2 id="dates-heading">Performance dates</h2>
        {p.dates.length === 0 ? (
          <Empty>No dates yet{p.kind === 'filmed' ? ' (filmed work)' : ''}.</Empty>
        ) : (
          <ul className="plain-list">
            {p.dates.map((d) => (
              <li key={d.local}>
                <When at={d.startsAt} venueZone={zone} myZone={myZone} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="characters-heading">
        <h2 id="characters-heading">Characters</h2>
        <ul className="card-list">
          {p.characters.map((c) => (
            <li key={c.characterId} className="card">
              <h3>{c.name}</h3>
              {attributesText(c.attributes) && <p className="muted">{attributesText(c.attributes)}</p>}
              {c.description && <p className="prose">{c.description}</p>}
              <p className="muted">
                Takes {c.places} performer{c.places === 1 ? '' : 's'}; {c.cast} cast so far.
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="slots-heading">
        <h2 id="slots-heading">Audition slots</h2>
        {p.slots.length === 0 ? (
          <Empty>No audition slots yet.</Empty>
        ) : (
          <ul className="card-list">
            {p.slots.map((s) => (
              <li key={s.slotId} className="card">
                <When at={s.startsAt} venueZone={zone} myZone={myZone} />
                <p className="muted">
                  {duration(s.durationMinutes)} · {slotAvailability(s)}
                </p>
                {`${s.location.name}\n${s.location.address}` !== venueAddress && (
                  <p>
                    At {s.location.name}, {s.location.address}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {afterSlots}

      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">Contacts</h2>
        <dl className="facts">
          <dt>Director</dt>
          <dd>
            {p.director.name}, <a href={`mailto:${p.director.email}`}>{p.director.email}</a>
          </dd>
          <dt>Casting director</dt>
          <dd>
            {p.castingDirector.name}, <a href={`mailto:${p.castingDirector.email}`}>{p.castingDirector.email}</a>
          </dd>
        </dl>
      </section>
    </>
  );
}

/** A slot's start as the venue reads it, for short labels: "Sun, 28 Mar 2027, 10:00". */
export const slotLocalStart = (slot: { start: string }) => localWallClock(slot.start);
