import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { authDatabase, AuthModule } from './auth.module.js';

await runServiceMain({
  name: 'auth',
  module: (config) => AuthModule.forRoot({ config }),
  database: authDatabase,
});
