import { registerAccount } from '../domain/accounts';
import { accountDependencies } from './context';
import { publicRoute } from './http/handler';

export const handler = publicRoute('auth-signup', async ({ body }) => {
  const profile = await registerAccount(accountDependencies(), body);
  return {
    status: 201,
    body: {
      userId: profile.userId,
      role: profile.role,
      email: profile.email,
      next: 'Enter the confirmation code we emailed you at POST /auth/confirm.',
    },
  };
});
