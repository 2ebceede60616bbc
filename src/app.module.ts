import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module';
import { AppController } from './app.controller';
import { AuthModule } from './auth/auth.module';
import { BlocksModule } from './blocks/blocks.module';
import { CommentsModule } from './comments/comments.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { AppConfig } from './config/app-config';
import { appConfigLoader } from './config/config.provider';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PostsModule } from './posts/posts.module';
import { ProfilesModule } from './profiles/profiles.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { StreamModule } from './stream/stream.module';
import { TimelineModule } from './timeline/timeline.module';
import { UsersModule } from './users/users.module';
import { VotesModule } from './votes/votes.module';

/** What the process, not the configuration, decides. */
export interface AppOptions {
  /** Where log lines go instead of stdout. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  /** Built from a config validated beforehand, so that start-up fails before Nest does anything. */
  static forRoot(config: AppConfig, { logDestination }: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfigLoader(config)] }),
        LoggingModule.forRoot(logDestination),
        DatabaseModule,
        MetricsModule,
        EventsModule,
        RateLimitModule,
        HealthModule,
        UsersModule,
        AuthModule,
        PostsModule,
        VotesModule,
        AccountsModule,
        ProfilesModule,
        TimelineModule,
        CommentsModule,
        BlocksModule,
        NotificationsModule,
        StreamModule,
      ],
      controllers: [AppController],
      // Closed by default: every route needs a token unless marked @Public().
      providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
    };
  }
}
