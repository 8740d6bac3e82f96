import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  UserPool,
  type UserPoolClient,
  type UserPoolEmail,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roles } from '../../src/domain/profile';

export interface UserDirectoryProps {
  readonly retain: boolean;
  /** Who sends the pool's emails (the sign-up confirmation code); Cognito's default sender when not given. */
  readonly email?: UserPoolEmail;
}

/**
 * The Cognito user pool: email is the username and must be verified; one group per role. Sign-up goes through
 * our API (the server picks the group), which calls the public SignUp/ConfirmSignUp/InitiateAuth operations with
 * the app client, so the client needs no secret.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.userPool = new UserPool(this, 'UserPool', {
      // Lite has everything used here; new pools default to Essentials, whose price after the free MAUs is higher.
      featurePlan: FeaturePlan.LITE,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      // A changed email stays unverified until confirmed, instead of replacing the verified one at once.
      keepOriginal: { email: true },
      // The API requires name and phone at sign-up; the pool does not, because a pool's required attributes can
      // never be changed afterwards (only by replacing the pool and losing its users).
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        phoneNumber: { required: false, mutable: true },
      },
      // The same rule the API validates (src/schemas/common.ts): length, not composition (NIST SP 800-63B).
      passwordPolicy: {
        minLength: 8,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      userVerification: { emailStyle: VerificationEmailStyle.CODE },
      email: props.email,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: props.retain,
      removalPolicy,
    });
    this.client = this.userPool.addClient('ApiClient', {
      // USER_PASSWORD_AUTH is what the API's /auth/login uses; refresh-token auth is always allowed by CDK.
      authFlows: { userPassword: true },
      generateSecret: false,
      // No hosted UI or OAuth flows: CDK would otherwise enable the implicit and code grants by default.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    this.client.applyRemovalPolicy(removalPolicy);
    for (const role of roles) {
      const group = this.userPool.addGroup(`${role}Group`, {
        groupName: role,
        description: `Users who signed up as ${role}`,
      });
      // A retained pool keeps its groups (people's roles) and client too, not just the users.
      group.applyRemovalPolicy(removalPolicy);
    }

    const acknowledge = (id: string, reason: string) => Validations.of(this.userPool).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-COG1',
      'The password rule is at least 8 characters with no composition rules, as NIST SP 800-63B recommends; the ' +
        'API validates the same rule, so a password it accepts is never refused by Cognito.',
    );
    acknowledge(
      'AwsSolutions-COG2',
      'MFA is not required: SMS MFA is billed per message, and sign-up and log-in go through our own API, which ' +
        'would need an extra challenge flow; optional TOTP can be added later without changing the pool.',
    );
    acknowledge(
      'AwsSolutions-COG8',
      'The Plus feature plan (threat protection) is billed per monthly active user with no free tier; Lite covers ' +
        'everything this app uses within the always-free MAUs.',
    );
  }
}
