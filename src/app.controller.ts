import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Public } from './auth/public.decorator';

@Controller()
export class AppController {
  @Public()
  @Get()
  @ApiOperation({ operationId: 'root', summary: 'Root' })
  @ApiOkResponse({ schema: { type: 'object', properties: { message: { type: 'string', example: 'Hello World' } }, required: ['message'] } })
  root(): { message: string } {
    return { message: 'Hello World' };
  }
}
