import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EmailField, TextField } from '../../http/fields';
import { NewPasswordField } from '../../users/dto/new-password.field';

@ApiSchema({ name: 'PasswordChange' })
export class ChangePasswordDto {
  @TextField({ format: 'password', example: 'correct horse battery' })
  current_password: string;

  @NewPasswordField({ example: 'another horse battery' })
  new_password: string;
}

@ApiSchema({ name: 'AccountDeletion' })
export class DeleteAccountDto {
  @TextField({ format: 'password', example: 'correct horse battery', description: 'The current password' })
  password: string;
}

@ApiSchema({ name: 'PasswordResetRequest' })
export class PasswordResetRequestDto {
  @EmailField({ example: 'ada@example.com' })
  email: string;
}

@ApiSchema({ name: 'PasswordResetConfirm' })
export class PasswordResetConfirmDto {
  @TextField({ description: 'The token of the reset link' })
  token: string;

  @NewPasswordField({ example: 'another horse battery' })
  new_password: string;
}

@ApiSchema({ name: 'Message' })
export class MessageDto {
  @ApiProperty({ example: 'If the address is registered, a reset link has been sent' })
  message: string;
}
