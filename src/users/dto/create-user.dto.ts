import { ApiSchema } from '@nestjs/swagger';
import { EmailField } from '../../http/fields';
import { NewPasswordField } from './new-password.field';

@ApiSchema({ name: 'UserCreate' })
export class CreateUserDto {
  @EmailField({ example: 'ada@example.com' })
  email: string;

  @NewPasswordField({ example: 'correct horse battery' })
  password: string;
}
