import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** The answer to PUT and DELETE /profiles/{username}/block. */
@ApiSchema({ name: 'BlockState' })
export class BlockStateDto {
  @ApiProperty({ example: 'mallory' })
  username: string;

  @ApiProperty({ description: 'You block them (always the state the request asked for)' })
  blocked: boolean;
}
