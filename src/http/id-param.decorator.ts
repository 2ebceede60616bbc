import { Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ParseIdPipe, registerIdParam } from './parse-id.pipe';

/**
 * A path id (`/posts/{id}`): parsed by ParseIdPipe, and documented as the
 * integer it is (Nest would document the TypeScript type, `number`).
 */
export function IdParam(name = 'id'): ParameterDecorator {
  registerIdParam(name);
  return (target, key, index) => {
    Param(name, ParseIdPipe)(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (method) ApiParam({ name, type: 'integer', description: 'An id; one beyond every row is a 404' })(target, key!, method);
  };
}
