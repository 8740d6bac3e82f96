import type { DirectoryCard } from '../api/schemas';
import { Link } from '../app/router';
import { genderLabels, voiceTypeLabels } from '../ui/words';
import { placeOf, playingAge } from './card';
import { PerformerPhoto } from './PerformerPhoto';
import './directory.css';

/** The path of a performer's directory page. */
export const performerPath = (performerId: string) => `/performers/${encodeURIComponent(performerId)}`;

/** The attributes every view of a performer shows, as `[term, description]` pairs; absent ones left out. */
export function attributesOf(card: DirectoryCard): [string, string][] {
  const gender = [card.gender, card.genderCategory && `(${genderLabels[card.genderCategory]})`]
    .filter(Boolean)
    .join(' ');
  const rows: [string, string | undefined][] = [
    ['Playing age', playingAge(card.ageMin, card.ageMax)],
    ['Gender', gender || undefined],
    ['Voice type', card.voiceType && voiceTypeLabels[card.voiceType]],
    ['Based in', placeOf(card.city, card.country)],
    ['Skills', card.skills.join(', ') || undefined],
    ['Languages', card.languages.join(', ') || undefined],
    ['Unions', card.unions.join(', ') || undefined],
  ];
  return rows.filter((row): row is [string, string] => Boolean(row[1]));
}

/**
 * A performer as a director sees them in the talent search: photo (or initials), name and attributes; never a
 * contact detail (the API sends none). `linked` makes the name a link to their directory page (not in the
 * editor's preview).
 */
export function TalentCard({ card, linked = true }: { readonly card: DirectoryCard; readonly linked?: boolean }) {
  const headingId = `talent-${card.performerId}`;
  const attributes = attributesOf(card);
  return (
    <article className="card talent-card" aria-labelledby={headingId}>
      <PerformerPhoto name={card.name} photos={card.photos} />
      <div className="talent-card-body">
        <h3 id={headingId}>{linked ? <Link to={performerPath(card.performerId)}>{card.name}</Link> : card.name}</h3>
        {attributes.length ? (
          <dl className="talent-facts">
            {attributes.map(([term, description]) => (
              <div key={term} className="talent-fact">
                <dt>{term}</dt>
                <dd>{description}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="muted">No details given yet.</p>
        )}
      </div>
    </article>
  );
}
