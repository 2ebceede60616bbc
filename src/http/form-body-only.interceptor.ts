import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';

/**
 * For routes that take an HTML form (as FastAPI's Form fields do): a body of any
 * other type counts as no body, so JSON credentials get the same 422 as in FastAPI.
 */
@Injectable()
export class FormBodyOnlyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.is(['application/x-www-form-urlencoded', 'multipart/form-data'])) req.body = undefined;
    return next.handle();
  }
}
