import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt } from 'class-validator';

const INTEGER = { message: 'Input should be a valid integer' };

export class VoteDto {
  @ApiProperty({ example: 1 })
  @IsInt(INTEGER)
  post_id: number;

  @ApiProperty({ enum: [0, 1], description: '1 adds your vote, 0 takes it back' })
  @IsInt(INTEGER)
  @IsIn([0, 1], { message: 'Input should be 0 or 1' })
  dir: 0 | 1;
}

export class VoteResultDto {
  @ApiProperty({ example: 'successfully added vote' })
  message: string;
}
