import { describe, expect, inject, it } from 'vitest';
import { api, signedUpUser, uniqueEmail } from '../support/api';
import { createPerformance, performanceBody } from '../support/fixtures';
import { emailsTo, eventually } from '../support/outbox';

describe('emails to the director and casting director', () => {
  it('show sign-ups in the reader’s zone as well as the venue’s, and tell them of a withdrawal', async () => {
    const [director, performer] = await Promise.all([
      signedUpUser('director', { timeZone: 'America/New_York' }),
      signedUpUser('performer', { name: 'Wanda Withdrawn' }),
    ]);
    const team = {
      director: { name: 'Dee Rector', email: uniqueEmail('dee'), phone: '+442071838750' },
      castingDirector: { name: 'Cas Ting', email: uniqueEmail('cas'), phone: '+442071838751' },
    };
    const body = performanceBody(team);
    const created = await createPerformance(director.token, body);
    const signUp = await api('POST', `/performances/${created.performanceId}/signup`, {
      token: performer.token,
      body: { slotId: created.slots[0]?.slotId, characterIds: [created.characters[0]?.characterId] },
    });
    expect(signUp.status).toBe(201);
    for (const reader of [team.director, team.castingDirector]) {
      const [received] = await eventually(
        () => emailsTo(reader.email),
        (all) => all.length === 1,
      );
      expect(received?.subject).toBe(`New audition sign-up: Wanda Withdrawn for ${body.title}`);
      // 10:00 at the London venue is 05:00 (EST) or 06:00 (EDT) in New York, the director's zone.
      expect(received?.body.text).toMatch(/0[56]:00 E[SD]T your time \(10:00 GMT at the venue\)/);
      expect(received?.body.text).not.toContain('(venue time)');
      // It links to the director's sign-up list in the web UI.
      const signUps = `${inject('webUrl')}/performances/${created.performanceId}/signups`;
      expect(received?.body.text).toContain(signUps);
      expect(received?.body.html).toContain(`href="${signUps}"`);
    }
    const [confirmation] = await eventually(
      () => emailsTo(performer.email),
      (all) => all.length === 1,
    );
    expect(confirmation?.body.text).toContain(`${inject('webUrl')}/my/auditions`);

    const withdrawn = await api('DELETE', `/performances/${created.performanceId}/signup`, { token: performer.token });
    expect(withdrawn.status).toBe(200);
    for (const reader of [team.director, team.castingDirector]) {
      const emails = await eventually(
        () => emailsTo(reader.email),
        (all) => all.length === 2,
      );
      const told = emails.find((e) => e.subject.startsWith('Withdrawn'));
      expect(told?.subject).toBe(`Withdrawn from the audition: Wanda Withdrawn for ${body.title}`);
      expect(told?.body.text).toMatch(/0[56]:00 E[SD]T your time \(10:00 GMT at the venue\)/);
      expect(told?.attachments ?? []).toEqual([]);
    }
  });
});
