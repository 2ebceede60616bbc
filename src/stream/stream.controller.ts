import { Controller, Get, Headers, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { CurrentUser } from '../auth/current-user.decorator';
import { AuthenticatedBy } from '../auth/jwt-auth.guard';
import { ApiErrors } from '../http/api-errors';
import { ServiceBusyException } from '../http/too-many-requests.exception';
import type { AuthenticatedUser } from '../sessions/token-users';
import { StreamQueryDto, StreamTicketDto, watchedIds } from './dto/stream.dto';
import { EventPosition } from './event-position';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamTickets, TICKET_SECONDS } from './stream-tickets.service';
import { StreamsService } from './streams.service';

/** How long a client refused by the process's stream cap is asked to wait. */
const FULL_RETRY_MS = 5000;

@ApiTags('Live')
@Controller('stream')
export class StreamController {
  constructor(
    private readonly streams: StreamsService,
    private readonly tickets: StreamTickets,
  ) {}

  @Post('tickets')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ operationId: 'createStreamTicket', summary: 'A single-use ticket to open GET /stream with EventSource (valid 30 s)' })
  @ApiCreatedResponse({ type: StreamTicketDto })
  async ticket(@CurrentUser() user: AuthenticatedUser): Promise<StreamTicketDto> {
    return { ticket: await this.tickets.issue(user), expires_in: TICKET_SECONDS };
  }

  @Get()
  @AuthenticatedBy(StreamAuthGuard)
  @ApiOperation({
    operationId: 'openStream',
    summary: 'Live updates (Server-Sent Events): timeline, post.updated, post.deleted, votes, comment, notification, unread, session.ended',
    // Not a documented header parameter: EventSource sends it by itself, no client invents it.
    description: 'A reconnecting client sends `Last-Event-ID` (the id of the last event it received, as EventSource does): the timeline posts and notifications made since (24 hours at most) are sent first.',
  })
  @ApiOkResponse({ description: 'An event stream (text/event-stream); it stays open', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiErrors(422, 503)
  async open(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: StreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: ServerResponse,
  ): Promise<void> {
    if (this.streams.full) throw new ServiceBusyException('Too many open streams', FULL_RETRY_MS);
    // An id this API did not give (or none) starts from now, as EventSource's first connection does.
    await this.streams.open(user, res, watchedIds(query.watch), lastEventId === undefined ? undefined : EventPosition.parse(lastEventId));
  }
}
