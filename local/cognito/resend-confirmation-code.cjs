'use strict';
/**
 * Adds Cognito's ResendConfirmationCode, which cognito-local 5 lacks, to cognito-local's table of operations.
 * Loaded into the cognito-local process before it starts (see local/stack.ts). Behaves as Cognito does: a new
 * code replaces the old one and is "sent" (cognito-local prints it); an unknown user is UserNotFoundException and
 * a confirmed one InvalidParameterException.
 */
const { Targets } = require('cognito-local/lib/targets/targets');
const { InvalidParameterError, UserNotFoundError } = require('cognito-local/lib/errors');
const { selectAppropriateDeliveryMethod } = require('cognito-local/lib/services/messageDelivery/deliveryMethod');

Targets.ResendConfirmationCode =
  ({ cognito, messages, otp }) =>
  async (ctx, req) => {
    const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (!user) throw new UserNotFoundError();
    if (user.UserStatus !== 'UNCONFIRMED') throw new InvalidParameterError('User is already confirmed.');
    const code = otp();
    const deliveryDetails = selectAppropriateDeliveryMethod(userPool.options.AutoVerifiedAttributes ?? [], user);
    if (deliveryDetails) {
      await messages.deliver(
        ctx,
        'ResendCode',
        req.ClientId,
        userPool.options.Id,
        user,
        code,
        req.ClientMetadata,
        deliveryDetails,
      );
    }
    await userPool.saveUser(ctx, { ...user, ConfirmationCode: code });
    return { CodeDeliveryDetails: deliveryDetails ?? undefined };
  };
