import { config } from '../config';
import { cognitoIdentityProvider } from '../adapters/cognito/identity-provider';
import { dynamoProfileStore } from '../adapters/dynamodb/profile-store';
import { registerAccount } from '../domain/accounts';
import { systemClock } from '../domain/clock';
import { publicRoute } from './http/handler';

export const handler = publicRoute('auth-signup', async ({ body }) => {
  const { userPoolId, userPoolClientId: clientId, tableName } = config();
  const profile = await registerAccount(
    {
      identity: cognitoIdentityProvider({ userPoolId, clientId }),
      profiles: dynamoProfileStore(tableName),
      clock: systemClock,
    },
    body,
  );
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
