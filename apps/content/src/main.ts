import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { contentDatabase, ContentModule } from './content.module.js';

await runServiceMain({
  name: 'content',
  module: (config) => ContentModule.forRoot({ config }),
  database: contentDatabase,
});
