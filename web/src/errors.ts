import { isHttpError, isValidationError, type ValidationIssue } from '@social-api/client';

/**
 * What the app says for each answer the API can give, in words for a person: the API's own
 * wording ("String should have at least 1 character", "Internal Server Error") is pydantic's
 * and HTTP's, written for programs.
 */

/** One 422 problem, for the field it is about. */
export function issueMessage({ type, msg }: ValidationIssue): string {
  const count = Number(/(\d+)/.exec(msg)?.[1]);
  switch (type) {
    case 'missing':
      return 'Fill this in.';
    case 'string_too_short':
      return count === 1 ? 'This cannot be empty.' : `Use at least ${count} characters.`;
    case 'string_too_long':
      return `Use at most ${count} characters.`;
    case 'string_unicode':
      return 'This contains a character that cannot be saved. Remove it and try again.';
    case 'string_pattern_mismatch':
      return 'Use only the characters allowed here.';
    case 'value_error':
      if (/email/i.test(msg)) return 'Enter an email address, like ada@example.com.';
      // "password must be 8 to 72 bytes long": bytes of UTF-8, one per letter or digit.
      if (/password/i.test(msg)) return `Use at least ${count} characters (at most 72 letters and digits).`;
      return 'This value is not accepted.';
    default:
      return 'This value is not accepted.';
  }
}

/** By field (`["body", "title"]` is `title`), the first problem of each. */
export function fieldMessages(body: unknown): Record<string, string> {
  const messages: Record<string, string> = {};
  if (!isValidationError(body)) return messages;
  for (const issue of body.detail) messages[issue.loc.slice(1).join('.') || String(issue.loc[0] ?? '')] ??= issueMessage(issue);
  return messages;
}

/** The API's `detail` strings that have words of their own here. */
const DETAILS: [RegExp, string][] = [
  [/^Invalid Credentials$/, 'That email and password do not match an account.'],
  [/^User with email: .* already exists$/, 'An account with this email already exists. Log in instead?'],
  [/^Not authorized to perform requested action$/, 'You can only change your own posts and comments.'],
  [/^Username already taken$/, 'This username is taken. Choose another one.'],
  [/^Profile not found$/, 'No one has this username.'],
  [/^comment with id: .* was not found$/i, 'This comment does not exist any more, or it is not shared with you.'],
  [/^post with id: .* (was not found|does not exist)$/i, 'This post does not exist any more, or it is not shared with you.'],
  [/^(Not authenticated|Could not validate credentials|Invalid refresh token)$/, 'Your session has ended. Please log in again.'],
  [/^Invalid or expired reset token$/, 'This reset link is invalid or has expired.'],
  [/^Password reset is not configured$/, 'Password reset is not available on this server. Ask its administrator.'],
];

/**
 * One line for an answer that is not a success, or for a request that got none (`response`
 * undefined: the network). `what` names what failed, for the answers that say nothing more.
 */
export function problemMessage(body: unknown, response: Response | undefined, what = 'That did not work'): string {
  if (!response) return `${what}: the server could not be reached. Check your connection and try again.`;
  const { status } = response;
  if (status === 429) {
    const wait = Number(response.headers.get('Retry-After'));
    return `Too many attempts. Try again ${wait > 0 ? `in ${wait < 90 ? `${wait} seconds` : `${Math.ceil(wait / 60)} minutes`}` : 'later'}.`;
  }
  if (isHttpError(body)) {
    const known = DETAILS.find(([pattern]) => pattern.test(body.detail));
    if (known) return known[1];
  }
  if (isValidationError(body)) return `${what}: ${body.detail.map(issueMessage).join(' ')}`;
  if (status === 413) return `${what}: it is too long to send.`;
  if (status === 404) return `${what}: it does not exist any more.`;
  if (status === 503) return `${what}: the service is unavailable for a moment. Try again shortly.`;
  if (status >= 500) return `${what}: something went wrong on our side. Try again in a moment.`;
  return `${what}.`;
}
