import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  openServiceDataSource,
  serviceDataSourceOptions,
  type ServiceDatabaseOptions,
} from './data-source.js';

/** One DataSource per service, with its schema bootstrapped and migrations applied before anything runs. */
@Module({})
export class DatabaseModule {
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions(options),
          dataSourceFactory: async () => openServiceDataSource(options),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
