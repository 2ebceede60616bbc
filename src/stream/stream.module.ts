import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { LiveReads } from './live-reads';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamTicket } from './stream-ticket.entity';
import { StreamTickets } from './stream-tickets.service';
import { StreamController } from './stream.controller';
import { StreamsService } from './streams.service';

/** GET /stream (Server-Sent Events) and its tickets. */
@Module({
  imports: [TypeOrmModule.forFeature([StreamTicket]), NotificationsModule],
  controllers: [StreamController],
  providers: [StreamsService, StreamTickets, StreamAuthGuard, LiveReads],
})
export class StreamModule {}
