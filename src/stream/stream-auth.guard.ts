import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.provider';
import { StreamTickets } from './stream-tickets.service';

/** GET /stream: a `?ticket=` (for EventSource, which cannot send a header) or, without one, the bearer token as everywhere. */
@Injectable()
export class StreamAuthGuard extends JwtAuthGuard {
  constructor(
    reflector: Reflector,
    @InjectConfig() config: AppConfig,
    private readonly tickets: StreamTickets,
  ) {
    super(reflector, config);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const ticket = req.query.ticket;
    if (ticket === undefined) return (await this.authenticate(context)) as boolean;
    // A repeated ?ticket= (an array) is not a ticket either.
    const user = typeof ticket === 'string' ? await this.tickets.redeem(ticket) : undefined;
    if (!user) throw new UnauthorizedException('Invalid or expired ticket');
    req.user = user;
    return true;
  }
}
