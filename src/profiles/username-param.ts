import { Injectable, NotFoundException, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isUsername, USERNAME } from '../users/dto/username.field';

export const profileNotFound = () => new NotFoundException('Profile not found');

/**
 * `{username}` in a path: matched without regard to letter case by the queries
 * (lower(username), the unique key's expression). Anything that cannot be a username
 * names no profile: 404, and it never reaches SQL.
 */
@Injectable()
export class ParseUsernamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUsername(value)) throw profileNotFound();
    return value;
  }
}

export function UsernameParam(): ParameterDecorator {
  return (target, key, index) => {
    Param('username', ParseUsernamePipe)(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (method) {
      ApiParam({
        name: 'username',
        schema: { type: 'string', minLength: USERNAME.minLength, maxLength: USERNAME.maxLength, pattern: USERNAME.characters },
        description: 'Matched without regard to letter case',
      })(target, key!, method);
    }
  };
}
