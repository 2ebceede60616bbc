import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';

const STRING = { message: 'Input should be a valid string' };
const BOOLEAN = { message: 'Input should be a valid boolean' };
const TITLE_LENGTH = { message: 'String should have 1 to 300 characters' };
const CONTENT_LENGTH = { message: 'String should have 1 to 20000 characters' };

/** Body of POST and PUT: a whole post. Strings must be JSON strings; nothing is coerced. */
export class PostCreateDto {
  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Hello' })
  @IsString(STRING)
  @Length(1, 300, TITLE_LENGTH)
  title: string;

  @ApiProperty({ minLength: 1, maxLength: 20000, example: 'My first post' })
  @IsString(STRING)
  @Length(1, 20000, CONTENT_LENGTH)
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
  @Length(1, 300, TITLE_LENGTH)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 20000 })
  @IsOptional()
  @IsString(STRING)
  @Length(1, 20000, CONTENT_LENGTH)
  content?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean(BOOLEAN)
  published?: boolean;
}
