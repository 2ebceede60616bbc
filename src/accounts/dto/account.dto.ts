import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsByteLength, IsEmail, IsString, MaxLength } from 'class-validator';

const STRING = { message: 'Input should be a valid string' };

/** A new password: the rule of registration. */
const NewPassword = () =>
  applyDecorators(
    ApiProperty({ minLength: 8, maxLength: 72, example: 'another horse battery', description: '8 to 72 bytes of UTF-8 (bcrypt reads at most 72)' }),
    IsString(STRING),
    IsByteLength(8, 72, { message: 'password must be 8 to 72 bytes long' }),
  );

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', example: 'correct horse battery' })
  @IsString(STRING)
  current_password: string;

  @NewPassword()
  new_password: string;
}

export class DeleteAccountDto {
  @ApiProperty({ format: 'password', example: 'correct horse battery', description: 'The current password' })
  @IsString(STRING)
  password: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString(STRING)
  @MaxLength(254, { message: 'value is not a valid email address: at most 254 characters' })
  @IsEmail({}, { message: 'value is not a valid email address' })
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the reset link' })
  @IsString(STRING)
  token: string;

  @NewPassword()
  new_password: string;
}

export class MessageDto {
  @ApiProperty({ example: 'If the address is registered, a reset link has been sent' })
  message: string;
}
