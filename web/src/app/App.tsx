import type { ReactNode } from 'react';
import { Fragment } from 'react';
import { ConfirmPage } from '../pages/ConfirmPage';
import { HomePage } from '../pages/HomePage';
import { MyAuditionsPage } from '../pages/MyAuditionsPage';
import { MyPerformancesPage } from '../pages/MyPerformancesPage';
import { NotFoundPage, WrongRolePage } from '../pages/NotFoundPage';
import { PerformancePage } from '../pages/PerformancePage';
import { PerformerProfilePage } from '../pages/PerformerProfilePage';
import { ProfilePage } from '../pages/ProfilePage';
import { SearchPage } from '../pages/SearchPage';
import { SignInPage } from '../pages/SignInPage';
import { SignUpPage } from '../pages/SignUpPage';
import { SignUpsPage } from '../pages/SignUpsPage';
import { DirectoryPerformerPage } from '../directory/DirectoryPerformerPage';
import { DirectoryProfilePage } from '../directory/DirectoryProfilePage';
import { TalentSearchPage } from '../directory/TalentSearchPage';
import { EditPerformancePage, NewPerformancePage } from '../editor/PerformanceEditorPage';
import { Layout } from '../ui/Layout';
import { Loading } from '../ui/Status';
import { matchPath, useLocation } from './router';
import { useSession } from './session';

type Access = 'anyone' | 'signed-in' | 'performer' | 'director';

interface Route {
  readonly pattern: string;
  readonly access: Access;
  readonly page: (params: Record<string, string>) => ReactNode;
}

/** Every page of the app, with who may open it (the API checks again: this only spares a useless round trip). */
const routes: readonly Route[] = [
  { pattern: '/', access: 'anyone', page: () => <HomePage /> },
  { pattern: '/sign-up', access: 'anyone', page: () => <SignUpPage /> },
  { pattern: '/confirm', access: 'anyone', page: () => <ConfirmPage /> },
  { pattern: '/sign-in', access: 'anyone', page: () => <SignInPage /> },
  { pattern: '/profile', access: 'signed-in', page: () => <ProfilePage /> },
  { pattern: '/profile/directory', access: 'performer', page: () => <DirectoryProfilePage /> },
  { pattern: '/search', access: 'signed-in', page: () => <SearchPage /> },
  { pattern: '/my/auditions', access: 'performer', page: () => <MyAuditionsPage /> },
  { pattern: '/my/performances', access: 'director', page: () => <MyPerformancesPage /> },
  { pattern: '/performances/new', access: 'director', page: () => <NewPerformancePage /> },
  { pattern: '/performers', access: 'director', page: () => <TalentSearchPage /> },
  {
    pattern: '/performers/:performerId',
    access: 'director',
    page: ({ performerId }) => <DirectoryPerformerPage performerId={performerId!} />,
  },
  { pattern: '/performances/:id', access: 'signed-in', page: ({ id }) => <PerformancePage performanceId={id!} /> },
  {
    pattern: '/performances/:id/edit',
    access: 'director',
    page: ({ id }) => <EditPerformancePage performanceId={id!} />,
  },
  { pattern: '/performances/:id/signups', access: 'director', page: ({ id }) => <SignUpsPage performanceId={id!} /> },
  {
    pattern: '/performances/:id/performers/:performerId',
    access: 'director',
    page: ({ id, performerId }) => <PerformerProfilePage performanceId={id!} performerId={performerId!} />,
  },
];

function Routed() {
  const { path, href } = useLocation();
  const { state } = useSession();
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    if (route.access === 'anyone') return route.page(params);
    if (state.status === 'loading') return <Loading>Loading your account…</Loading>;
    if (state.status === 'signed-out') return <SignInPage next={href} />;
    if (route.access !== 'signed-in' && state.profile.role !== route.access)
      return <WrongRolePage role={route.access} />;
    return route.page(params);
  }
  return <NotFoundPage />;
}

export function App() {
  const { path } = useLocation();
  const { state } = useSession();
  // A new path (or signing in or out) is a new page: it mounts afresh and takes focus.
  return (
    <Layout>
      <Fragment key={`${path} ${state.status}`}>
        <Routed />
      </Fragment>
    </Layout>
  );
}
