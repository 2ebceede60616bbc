import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TimelineEntry } from './timeline-entry.entity';
import { TimelineFanout } from './timeline-fanout';
import { TimelineJob } from './timeline-job.entity';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

@Module({
  imports: [TypeOrmModule.forFeature([TimelineEntry, TimelineJob])],
  controllers: [TimelineController],
  providers: [TimelineService, TimelineFanout],
  exports: [TimelineFanout],
})
export class TimelineModule {}
