import { ApiSchema } from '@nestjs/swagger';
import { EmailField } from '../../http/fields';
import { NewPasswordField } from './new-password.field';
import { UsernameField } from './username.field';

@ApiSchema({ name: 'UserCreate' })
export class CreateUserDto {
  @EmailField({ example: 'ada@example.com' })
  email: string;

  @NewPasswordField({ example: 'correct horse battery' })
  password: string;

  @UsernameField({ optional: true, example: 'ada', description: "Absent: one is made from the e-mail's local part (a number appended where taken)" })
  username?: string;
}
