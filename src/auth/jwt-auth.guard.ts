import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthenticatedUser } from '../sessions/token-users';
import { JwtStrategy } from './jwt.strategy';
import { IS_PUBLIC } from './public.decorator';

/**
 * The global guard: every route needs a valid bearer token unless it is @Public().
 * Answers as FastAPI's OAuth2PasswordBearer does: "Not authenticated" without a
 * bearer header, "Could not validate credentials" for a token that fails. A
 * failure that is not about the token (the database is down) keeps its own answer.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const header = req.headers.authorization;
    const scheme = header?.split(' ', 1)[0];
    if (!header || scheme?.toLowerCase() !== 'bearer') {
      throw new UnauthorizedException('Not authenticated');
    }
    const user = await this.tokens.authenticate(req);
    if (!user) throw new UnauthorizedException('Could not validate credentials');
    req.user = user;
    return true;
  }
}
