import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The request's User-Agent, which a session records. A decorator of its own
 * rather than `@Headers('user-agent')`, which the OpenAPI document would list as
 * a required parameter for clients to fill in.
 */
export const UserAgent = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => ctx.switchToHttp().getRequest<Request>().get('user-agent'));
