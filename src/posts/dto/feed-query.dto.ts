import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

const INTEGER = { message: 'Input should be a valid integer, unable to parse string as an integer' };

export class FeedQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @Type(() => Number)
  @IsInt(INTEGER)
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  @Max(100, { message: 'Input should be less than or equal to 100' })
  limit: number = 10;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @Type(() => Number)
  @IsInt(INTEGER)
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(2_147_483_647, { message: 'Input should be less than or equal to 2147483647' })
  skip: number = 0;

  @ApiPropertyOptional({ default: '', maxLength: 300, description: 'Case-insensitive substring of the title; % and _ match themselves' })
  @IsString({ message: 'Input should be a valid string' })
  @MaxLength(300, { message: 'String should have at most 300 characters' })
  search: string = '';
}
