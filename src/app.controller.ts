import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Public } from './auth/public.decorator';

@Controller()
export class AppController {
  @Public()
  @Get()
  @ApiOperation({ summary: 'Root' })
  @ApiOkResponse({ schema: { example: { message: 'Hello World' } } })
  root(): { message: string } {
    return { message: 'Hello World' };
  }
}
