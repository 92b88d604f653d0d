import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../config/config.module';

/** The API's Temporal client. Lazy: the API starts (and reports Temporal down) even if Temporal is not up yet. */
@Injectable()
export class TemporalService implements OnApplicationShutdown {
  readonly connection: Connection;
  readonly client: Client;
  readonly taskQueue: string;

  constructor(@Inject(PREP_CONFIG) cfg: PrepConfig) {
    this.connection = Connection.lazy({ address: cfg.TEMPORAL_ADDRESS });
    this.client = new Client({ connection: this.connection, namespace: cfg.TEMPORAL_NAMESPACE });
    this.taskQueue = cfg.TEMPORAL_TASK_QUEUE;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({ providers: [TemporalService], exports: [TemporalService] })
export class TemporalModule {}
