import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { analyticsDatabase, AnalyticsModule } from './analytics.module.js';

await runServiceMain({
  name: 'analytics',
  module: (config) => AnalyticsModule.forRoot({ config }),
  database: analyticsDatabase,
});
