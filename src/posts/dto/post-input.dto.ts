import { ApiSchema } from '@nestjs/swagger';
import { BooleanField, TextField } from '../../http/fields';

const TITLE = { minLength: 1, maxLength: 300 };
const CONTENT = { minLength: 1, maxLength: 20000 };

/** Body of POST and PUT: a whole post. Strings must be JSON strings; nothing is coerced. */
@ApiSchema({ name: 'PostCreate' })
export class PostCreateDto {
  @TextField({ ...TITLE, example: 'Hello' })
  title: string;

  @TextField({ ...CONTENT, example: 'My first post' })
  content: string;

  @BooleanField({ optional: true, description: 'Absent means true; false keeps the post a draft, visible only to its owner' })
  published: boolean = true;
}

/** Body of PATCH: any subset of the fields, and no defaults. */
@ApiSchema({ name: 'PostPatch' })
export class PostPatchDto {
  @TextField({ ...TITLE, optional: true })
  title?: string;

  @TextField({ ...CONTENT, optional: true })
  content?: string;

  @BooleanField({ optional: true })
  published?: boolean;
}
