import { describe, expect, inject, it } from 'vitest';
import { ensureUserPool } from '../../local/bootstrap';
import { api, signedUpUser } from '../support/api';
import { decodePayload } from '../support/jwt';

describe('bootstrapping the user pool again, as every `npm start` on kept data does', () => {
  it('finds the same pool and groups and keeps every account in its group', async () => {
    const env = inject('env');
    const [performer, director] = await Promise.all([signedUpUser('performer'), signedUpUser('director')]);
    const again = await ensureUserPool({
      endpoint: String(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER),
      region: String(env.AWS_REGION ?? 'us-east-1'),
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    expect(again).toEqual({ userPoolId: env.USER_POOL_ID, userPoolClientId: env.USER_POOL_CLIENT_ID });
    for (const user of [performer, director]) {
      const login = await api<{ idToken: string }>('POST', '/auth/login', {
        body: { email: user.email, password: user.password },
      });
      expect(login.status).toBe(200);
      const role = user === performer ? 'performer' : 'director';
      expect(decodePayload(login.body.idToken)['cognito:groups']).toEqual([role]);
      const me = await api('GET', '/me', { token: login.body.idToken });
      expect(me.body).toMatchObject({ role });
    }
  });
});
