import { Link } from '../app/router';
import { Page } from '../ui/Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is no page at this address. If you followed a link from an email, it may have been cut short or had
        characters added: open it again from the email, or go to the <Link to="/">start page</Link>.
      </p>
    </Page>
  );
}

/** A signed-in person on a page for the other role. */
export function WrongRolePage({ role }: { readonly role: 'performer' | 'director' }) {
  return (
    <Page title={role === 'director' ? 'This page is for directors' : 'This page is for performers'}>
      <p>
        Your account cannot open this page. If a link in an email brought you here, the email was for a{' '}
        {role === 'director' ? 'director’s' : 'performer’s'} account: sign out, then sign in with that account. Or go to
        the <Link to="/">start page</Link>.
      </p>
    </Page>
  );
}
