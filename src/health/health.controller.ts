import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { EventBus } from '../events/event-bus';
import { Public } from '../auth/public.decorator';

/** One check of the readiness answer; `events` (the event channel) adds its state. */
const INDICATOR: SchemaObject = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    message: { type: 'string' },
    channel: { type: 'string', enum: ['heard', 'lost'] },
    reason: { type: 'string' },
    since: { type: 'string', format: 'date-time' },
  },
};

/** Terminus's HealthCheckResult, as the readiness route answers it (inside `detail` with a 503). */
const CHECK_RESULT: SchemaObject = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    info: { type: 'object', additionalProperties: INDICATOR },
    error: { type: 'object', additionalProperties: INDICATOR },
    details: { type: 'object', additionalProperties: INDICATOR },
  },
  required: ['status'],
  example: { status: 'ok', info: { database: { status: 'up' }, events: { status: 'up', channel: 'heard' } }, error: {}, details: { database: { status: 'up' }, events: { status: 'up', channel: 'heard' } } },
};

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly bus: EventBus,
  ) {}

  /** Liveness: the process answers. Touches nothing else, so a database outage never restarts it. */
  @Get()
  @ApiOperation({ operationId: 'liveness', summary: 'Liveness (does not touch the database)' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers a ping within a second; the event channel's state is reported beside it. */
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ operationId: 'readiness', summary: 'Readiness (pings the database); 503 with the reason when it cannot' })
  @ApiOkResponse({ description: 'The database answers', schema: CHECK_RESULT })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer', schema: { type: 'object', properties: { detail: CHECK_RESULT }, required: ['detail'] } })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 1000 }), () => this.events()]);
  }

  /**
   * The event channel, for information: while it is lost the instance still serves (token
   * checks read the database, streams miss other instances' events until it is back), so it
   * stays ready and says `channel: "lost"`, with why and since when.
   */
  private events() {
    const outage = this.bus.outage;
    const check = this.indicator.check('events');
    return outage ? check.up({ channel: 'lost', reason: outage.reason, since: outage.since.toISOString() }) : check.up({ channel: 'heard' });
  }
}
