'use strict';
/**
 * Keeps a record of every email cognito-local "sends" (it only prints them): one JSON line per email, with the
 * address and the time, in `.cognito/sent-emails.jsonl` of its working folder. The local runtime reads it to tell
 * how many emails Cognito sent to an address (`GET /__local/cognito-emails?email=`), as SES's sending statistics
 * would. Loaded into the cognito-local process before it starts (see local/stack.ts).
 */
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');
const { ConsoleMessageSender } = require('cognito-local/lib/services/messageDelivery/consoleMessageSender');

const record = join(process.cwd(), '.cognito', 'sent-emails.jsonl');
const sendEmail = ConsoleMessageSender.prototype.sendEmail;

ConsoleMessageSender.prototype.sendEmail = function (ctx, user, destination, message) {
  appendFileSync(record, `${JSON.stringify({ to: destination, at: new Date().toISOString() })}\n`);
  return sendEmail.call(this, ctx, user, destination, message);
};
