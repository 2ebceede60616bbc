import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

const STRING = { message: 'Input should be a valid string' };
const BOOLEAN = { message: 'Input should be a valid boolean' };
const NOT_EMPTY = { message: 'String should have at least 1 character' };
const TITLE_LENGTH = { message: 'String should have at most 300 characters' };
const CONTENT_LENGTH = { message: 'String should have at most 20000 characters' };

/** Body of POST and PUT: a whole post. Strings must be JSON strings; nothing is coerced. */
export class PostCreateDto {
  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Hello' })
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(300, TITLE_LENGTH)
  title: string;

  @ApiProperty({ minLength: 1, maxLength: 20000, example: 'My first post' })
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(20000, CONTENT_LENGTH)
  content: string;

  @ApiPropertyOptional({ default: true, description: 'false keeps the post a draft, visible only to its owner' })
  @IsBoolean(BOOLEAN)
  published: boolean = true;
}

/** Body of PATCH: any subset of the fields, and no defaults. */
export class PostPatchDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 300 })
  @IsOptional()
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(300, TITLE_LENGTH)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 20000 })
  @IsOptional()
  @IsString(STRING)
  @MinLength(1, NOT_EMPTY)
  @MaxLength(20000, CONTENT_LENGTH)
  content?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean(BOOLEAN)
  published?: boolean;
}
