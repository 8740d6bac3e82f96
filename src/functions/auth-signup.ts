import { registerAccount } from '../domain/accounts';
import { accountDependencies } from './context';
import { publicRoute } from './http/handler';
import { signUpRequest } from '../schemas/registration';

/**
 * Registers an account. The answer is the same whether or not the address already had one, so it never tells
 * a caller which addresses are registered (the owner of an existing account gets an email instead).
 */
export const handler = publicRoute('auth-signup', { body: signUpRequest }, {}, async ({ body }) => {
  await registerAccount(accountDependencies(), body);
  return {
    status: 201,
    body: {
      email: body.email,
      next: 'Check your email: enter the confirmation code we sent you at POST /auth/confirm.',
    },
  };
});
