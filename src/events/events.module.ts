import { Global, Module } from '@nestjs/common';
import { EventBus } from './event-bus';

/** The channel between instances, for every module that writes what streams show or what ends a session. */
@Global()
@Module({
  providers: [EventBus],
  exports: [EventBus],
})
export class EventsModule {}
