import { applyDecorators, CanActivate, ExecutionContext, HttpException, Injectable, SetMetadata, Type, UnauthorizedException, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { IS_PUBLIC, isOpen, PublicRule } from './public.decorator';

const OWN_AUTHENTICATION = 'ownAuthentication';

/**
 * A route that authenticates in a guard of its own (a JwtAuthGuard that also takes some
 * other credential): the global guard leaves it to that one, which must still refuse.
 */
export const AuthenticatedBy = (guard: Type<CanActivate>) => applyDecorators(SetMetadata(OWN_AUTHENTICATION, true), UseGuards(guard));

/**
 * The global guard: every route needs a valid bearer token unless it is @Public().
 * Answers as FastAPI's OAuth2PasswordBearer does: "Not authenticated" without a
 * bearer header, "Could not validate credentials" for a token that fails.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const rule = this.reflector.getAllAndOverride<PublicRule | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isOpen(rule, this.config)) return true;
    if (this.reflector.getAllAndOverride<boolean | undefined>(OWN_AUTHENTICATION, [context.getHandler(), context.getClass()])) return true;
    return this.authenticate(context);
  }

  /** The bearer token's check, for a guard that extends this one. */
  protected authenticate(context: ExecutionContext) {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const scheme = header?.split(' ', 1)[0];
    if (!header || scheme?.toLowerCase() !== 'bearer') {
      throw new UnauthorizedException('Not authenticated');
    }
    return super.canActivate(context);
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    // A failure that is not about the token (the database is down) keeps its own answer.
    if (err && !(err instanceof HttpException)) throw err;
    if (err || !user) throw new UnauthorizedException('Could not validate credentials');
    return user;
  }
}
