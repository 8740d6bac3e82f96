import { Link } from '../app/router';
import { Page } from '../ui/Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>
        There is no page at this address. Go to the <Link to="/">start page</Link>.
      </p>
    </Page>
  );
}

/** A signed-in person on a page for the other role. */
export function WrongRolePage({ role }: { readonly role: 'performer' | 'director' }) {
  return (
    <Page title={role === 'director' ? 'This page is for directors' : 'This page is for performers'}>
      <p>
        Your account cannot open this page. Go to the <Link to="/">start page</Link>.
      </p>
    </Page>
  );
}
