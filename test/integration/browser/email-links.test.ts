import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { api, signedUpUser } from '../../support/api';
import { describeInBrowser, desktopWidth, expectAccessible, launchBrowser, newPerson } from '../../support/browser';
import { createPerformance } from '../../support/fixtures';
import type { StoredEmail } from '../../support/outbox';
import { emailsTo, eventually } from '../../support/outbox';

/**
 * Following the links in the emails as people do: signed out, signed in as someone else, after the thing changed,
 * twice, and with the link damaged by a mail client. Each must end on a page that says what is going on.
 */

type User = Awaited<ReturnType<typeof signedUpUser>>;

/** The one link of an email's plain text (`Label: https://…`). */
function linkOf(email: StoredEmail): string {
  const links = (email.body.text ?? '').match(/https?:\/\/\S+/g) ?? [];
  expect(links, `the links in “${email.subject}”`).toHaveLength(1);
  return links[0]!;
}

async function linkTo(address: string, subject: RegExp): Promise<string> {
  const emails = await eventually(
    () => emailsTo(address),
    (list) => list.some((e) => subject.test(e.subject)),
  );
  return linkOf(emails.find((e) => subject.test(e.subject))!);
}

/** The page's problem, said in an alert, once loading is over. */
async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert').filter({ hasText: /\w/ }).first();
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function signInHere(page: Page, user: User): Promise<void> {
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /Sign out/ }).waitFor();
}

describeInBrowser('the web UI: links in emails', () => {
  let browser: Browser;
  let director: User;
  let otherDirector: User;
  let performer: User;
  let otherPerformer: User;
  let title: string;
  let invitedTitle: string;
  let performanceId: string;
  let invitedId: string;
  let signUpsLink: string;
  let auditionsLink: string;
  let invitationLink: string;
  const people: { page: Page; pageErrors: string[] }[] = [];
  const signedIn = new Map<User, Page>();

  /** A browser where `user` is signed in (one per user for the whole file). */
  async function as(user: User): Promise<Page> {
    const known = signedIn.get(user);
    if (known) return known;
    const person = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/London' });
    people.push(person);
    await person.page.goto(`${inject('webUrl')}/sign-in`);
    await signInHere(person.page, user);
    signedIn.set(user, person.page);
    return person.page;
  }

  async function fresh(): Promise<Page> {
    const person = await newPerson(browser, { viewport: desktopWidth, timeZone: 'Europe/London' });
    people.push(person);
    return person.page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const stamp = Date.now().toString(36);
    [director, otherDirector, performer, otherPerformer] = await Promise.all([
      signedUpUser('director', { name: 'Lin Kowner', timeZone: 'Europe/London' }),
      signedUpUser('director', { name: 'Other Director', timeZone: 'Europe/London' }),
      signedUpUser('performer', { name: 'Emma Linkfollower', timeZone: 'Europe/London' }),
      signedUpUser('performer', { name: 'Other Performer', timeZone: 'Europe/London' }),
    ]);
    expect((await api('PATCH', '/me', { token: performer.token, body: { listed: true } })).status).toBe(200);
    const contact = { name: 'Lin Kowner', email: director.email, phone: '+442071838750' };
    title = `Links ${stamp}`;
    invitedTitle = `Invited Links ${stamp}`;
    const [performance, invited] = await Promise.all([
      createPerformance(director.token, { title, director: contact, castingDirector: contact }),
      createPerformance(director.token, { title: invitedTitle, director: contact, castingDirector: contact }),
    ]);
    performanceId = performance.performanceId;
    invitedId = invited.performanceId;
    const signUp = await api('POST', `/performances/${performanceId}/signup`, {
      token: performer.token,
      body: { slotId: performance.slots[0]!.slotId, characterIds: [performance.characters[0]!.characterId] },
    });
    expect(signUp.status).toBe(201);
    const invitation = await api('POST', `/performances/${invitedId}/invitations`, {
      token: director.token,
      body: { performerId: performer.userId, slotId: invited.slots[0]!.slotId, message: 'Come and sing.' },
    });
    expect(invitation.status).toBe(201);
    [signUpsLink, auditionsLink, invitationLink] = await Promise.all([
      linkTo(director.email, new RegExp(title)),
      linkTo(performer.email, /confirmed|signed up|sign-up/i),
      linkTo(performer.email, /invit/i),
    ]);
  });
  afterAll(async () => {
    for (const person of people) expect(person.pageErrors).toEqual([]);
    await browser?.close();
  });

  it('every link is absolute, on the web base URL, with its ids encoded', () => {
    const base = inject('webUrl').replace(/\/+$/, '');
    for (const link of [signUpsLink, auditionsLink, invitationLink]) {
      expect(link.startsWith(`${base}/`), link).toBe(true);
      expect(new URL(link).href).toBe(link);
    }
    expect(signUpsLink).toBe(`${base}/performances/${encodeURIComponent(performanceId)}/signups`);
    expect(auditionsLink).toBe(`${base}/my/auditions`);
    const invitation = new URL(invitationLink);
    expect(invitation.pathname).toBe(`/performances/${encodeURIComponent(invitedId)}`);
    expect(invitation.searchParams.get('invitation')).toBeTruthy();
    expect(invitation.searchParams.get('slot')).toBeTruthy();
  });

  it('signed out, a link asks to sign in and then opens where it pointed', async () => {
    const page = await fresh();
    await page.goto(invitationLink);
    await h1(page).filter({ hasText: 'Sign in' }).waitFor();
    await signInHere(page, performer);
    await h1(page).filter({ hasText: invitedTitle }).waitFor();
    expect(page.url()).toBe(invitationLink);
    await page.getByRole('radio', { checked: true }).waitFor();

    const directorPage = await fresh();
    await directorPage.goto(signUpsLink);
    await h1(directorPage).filter({ hasText: 'Sign in' }).waitFor();
    await signInHere(directorPage, director);
    await h1(directorPage)
      .filter({ hasText: `Sign-ups: ${title}` })
      .waitFor();
    expect(directorPage.url()).toBe(signUpsLink);
  });

  it('opening an invitation from its email tells the director it was opened', async () => {
    const page = await as(performer);
    await page.goto(invitationLink);
    await h1(page).filter({ hasText: invitedTitle }).waitFor();
    await expect
      .poll(async () => {
        const sent = await api<{ invitations: { status: string }[] }>('GET', `/performances/${invitedId}/invitations`, {
          token: director.token,
        });
        return sent.body.invitations.map((i) => i.status);
      })
      .toEqual(['opened']);
  });

  it('signed in as someone else, a link says so and shows nothing of the recipient’s', async () => {
    // Another director opens the owner's sign-up list.
    const other = await as(otherDirector);
    await other.goto(signUpsLink);
    expect(await alertText(other)).toMatch(/only the director who posted|not yours|another account/i);
    expect(await other.content()).not.toContain(performer.email);

    // Signed in already, the "sign in" link of an email says so.
    await other.goto(`${inject('webUrl')}/sign-in`);
    await other
      .getByRole('status')
      .filter({ hasText: `You are signed in already, as ${otherDirector.email}` })
      .waitFor();

    // A performer opens a director's link, and a director a performer's.
    const performerPage = await as(otherPerformer);
    await performerPage.goto(signUpsLink);
    await h1(performerPage).filter({ hasText: 'This page is for directors' }).waitFor();
    const directorPage = await as(otherDirector);
    await directorPage.goto(auditionsLink);
    await h1(directorPage).filter({ hasText: 'This page is for performers' }).waitFor();

    // Another performer opens the invitation: it is not theirs, and it is not marked opened for them.
    await performerPage.goto(invitationLink);
    await h1(performerPage).filter({ hasText: invitedTitle }).waitFor();
    expect(await alertText(performerPage)).toMatch(/sent to another account/i);
    await expectAccessible(performerPage, 'another performer’s invitation link');
    // A director opening a performer's invitation is told the same.
    await directorPage.goto(invitationLink);
    await h1(directorPage).filter({ hasText: invitedTitle }).waitFor();
    expect(await alertText(directorPage)).toMatch(/sent to another account/i);
  });

  it('a damaged link ends on a page that says the link is not valid, never a blank page', async () => {
    const page = await as(director);
    const id = encodeURIComponent(performanceId);
    const base = inject('webUrl').replace(/\/+$/, '');
    for (const damaged of [
      `${base}/performances/${id.slice(0, -4)}/signups`,
      `${base}/performances/${id}%/signups`,
      `${base}/performances/${id}%E2%80/signups`,
      `${base}/performances/${id}%22%3E/signups`,
      `${base}/performances/${id}.`,
      `${base}/performances/${id}x`,
    ]) {
      await page.goto(damaged);
      await h1(page).waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      const said = `${await h1(page).textContent()} ${(await page.getByRole('alert').allTextContents()).join(' ')}`;
      expect(said, damaged).toMatch(/not found|not valid|no performance|does not exist/i);
      expect(said, damaged).not.toMatch(/went wrong|server answered|invalid-params|\{/i);
    }
    const performerPage = await as(performer);
    const truncated = new URL(invitationLink);
    truncated.searchParams.set('invitation', truncated.searchParams.get('invitation')!.slice(0, -3));
    await performerPage.goto(truncated.href);
    await h1(performerPage).filter({ hasText: invitedTitle }).waitFor();
    expect(await alertText(performerPage)).toMatch(/not valid|sent to another account/i);
  });

  it('after the thing changed, a link says what happened', async () => {
    const page = await as(performer);
    // Declined, the invitation link says so, and still lets the performer sign up.
    const invitationId = new URL(invitationLink).searchParams.get('invitation')!;
    const declined = await api('PUT', `/me/invitations/${encodeURIComponent(invitationId)}`, {
      token: performer.token,
      body: { status: 'declined' },
    });
    expect(declined.status).toBe(200);
    await page.goto(invitationLink);
    await page.getByRole('status').filter({ hasText: 'You declined this invitation.' }).waitFor();

    // A second tab still shows the invitation while the first signs up from it.
    const second = await page.context().newPage();
    await page.goto(invitationLink);
    await second.goto(invitationLink);
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: /You are signed up/ }).waitFor();
    await second.getByRole('checkbox').first().check();
    await second.getByRole('button', { name: 'Sign up' }).click();
    await second.getByRole('heading', { name: /You are signed up/ }).waitFor();
    // Opened again, the invitation link shows the sign-up it led to.
    await page.goto(invitationLink);
    await page.getByRole('heading', { name: /You are signed up/ }).waitFor();
    await second.close();

    // The performance is deleted: the invitation link and the sign-up list say so.
    expect((await api('DELETE', `/performances/${invitedId}`, { token: director.token })).status).toBe(204);
    await page.goto(invitationLink);
    expect(await alertText(page)).toMatch(/deleted/i);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await expectAccessible(page, 'a deleted performance’s invitation link');
    const directorPage = await as(director);
    await directorPage.goto(signUpsLink.replace(performanceId, invitedId));
    expect(await alertText(directorPage)).toMatch(/deleted|no performance|does not exist|not found/i);
    expect(await directorPage.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });
});
