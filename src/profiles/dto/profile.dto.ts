import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { TextField } from '../../http/fields';
import { UsernameField } from '../../users/dto/username.field';

export const DISPLAY_NAME = { minLength: 0, maxLength: 50 };
export const BIO = { minLength: 0, maxLength: 500 };

/** Body of PATCH /users/me: any subset of the fields; an empty string clears a display name or bio. */
@ApiSchema({ name: 'ProfilePatch' })
export class ProfilePatchDto {
  @UsernameField({ optional: true, example: 'ada' })
  username?: string;

  @TextField({ ...DISPLAY_NAME, optional: true, example: 'Ada Lovelace' })
  display_name?: string;

  @TextField({ ...BIO, optional: true, example: 'Analyst of engines.' })
  bio?: string;
}

/** A user as others see them: no e-mail, counts kept by the database. */
@ApiSchema({ name: 'Profile' })
export class ProfileDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ example: 'ada' })
  username: string;

  @ApiProperty({ example: 'Ada Lovelace', description: 'Empty when not set' })
  display_name: string;

  @ApiProperty({ example: 'Analyst of engines.', description: 'Empty when not set' })
  bio: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-24T19:00:00.000+00:00' })
  created_at: string;

  @ApiProperty({ type: 'integer', example: 12, description: 'Published posts' })
  posts_count: number;

  @ApiProperty({ type: 'integer', example: 340 })
  followers_count: number;

  @ApiProperty({ type: 'integer', example: 120 })
  following_count: number;

  @ApiProperty({ description: 'You follow them' })
  followed: boolean;

  @ApiProperty({ description: 'They follow you' })
  follows_you: boolean;
}

/** A user in a list (followers, following, voters, blocks). */
@ApiSchema({ name: 'Brief' })
export class BriefDto {
  @ApiProperty({ type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ example: 'ada' })
  username: string;

  @ApiProperty({ example: 'Ada Lovelace', description: 'Empty when not set' })
  display_name: string;

  @ApiProperty({ description: 'You follow them' })
  followed: boolean;
}

/** The answer to PUT and DELETE /profiles/{username}/follow. */
@ApiSchema({ name: 'FollowState' })
export class FollowStateDto {
  @ApiProperty({ example: 'ada' })
  username: string;

  @ApiProperty({ type: 'integer', example: 341 })
  followers_count: number;

  @ApiProperty({ description: 'You follow them (always the state the request asked for)' })
  followed: boolean;
}
