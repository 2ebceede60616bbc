import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { AppConfig } from '../config/app-config';

export const IS_PUBLIC = 'isPublic';

/** The marker `@Public()` leaves on a route's operation, for `completeDocument` (src/http/api-errors.ts). */
export const PUBLIC_OPERATION = 'x-public';

/**
 * When a route is open to requests without a token: always, or only while other users'
 * e-mails are public (USER_EMAILS=public: a user by id shows their e-mail, so with
 * private e-mails the route needs a token like every other one).
 */
export type PublicRule = true | 'while-emails-public';

export function isOpen(rule: PublicRule | undefined, config: Pick<AppConfig, 'userEmails'>): boolean {
  return rule === true || (rule === 'while-emails-public' && config.userEmails === 'public');
}

/**
 * Opens a route to requests without a token; every other route needs one. The
 * OpenAPI document says so too (`security: []`, see completeDocument).
 */
export const Public = (rule: PublicRule = true) => applyDecorators(SetMetadata(IS_PUBLIC, rule), ApiExtension(PUBLIC_OPERATION, rule));
