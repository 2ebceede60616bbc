import { ApiProperty } from '@nestjs/swagger';
import { IntegerField } from '../../http/fields';

export class VoteDto {
  @IntegerField({ example: 1 })
  post_id: number;

  @IntegerField({ values: [0, 1], description: '1 adds your vote, 0 takes it back' })
  dir: 0 | 1;
}

export class VoteResultDto {
  @ApiProperty({ example: 'successfully added vote' })
  message: string;
}
