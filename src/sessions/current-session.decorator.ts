import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedUser } from './token-users';

/** The session of the request's token; null for a token without one (minted the course's way). */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): number | null => ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user.sessionId,
);
