import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { platformDatabase, PlatformModule } from './platform.module.js';

await runServiceMain({
  name: 'platform',
  module: (config) => PlatformModule.forRoot({ config }),
  database: platformDatabase,
});
