import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  openServiceDataSource,
  serviceDataSourceOptions,
  type ServiceDatabaseOptions,
} from './data-source.js';
import { TransactionHost } from './transaction-host.js';

/**
 * One DataSource per service, with its schema bootstrapped and migrations applied before anything runs,
 * and its TransactionHost for every module of the service.
 */
@Module({})
export class DatabaseModule {
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions(options),
          dataSourceFactory: async () => openServiceDataSource(options),
        }),
      ],
      providers: [TransactionHost],
      exports: [TypeOrmModule, TransactionHost],
    };
  }
}
