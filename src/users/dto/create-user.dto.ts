import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsByteLength, IsEmail, IsString, MaxLength } from 'class-validator';
import { messages } from '../../http/fields';

export class CreateUserDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com', description: 'Trimmed and stored lower-case' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString({ message: messages.string })
  @MaxLength(254, { message: 'value is not a valid email address: at most 254 characters' })
  @IsEmail({}, { message: 'value is not a valid email address' })
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 72, example: 'correct horse battery', description: '8 to 72 bytes of UTF-8 (bcrypt reads at most 72)' })
  @IsString({ message: messages.string })
  @IsByteLength(8, 72, { message: 'password must be 8 to 72 bytes long' })
  password: string;
}
