import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { createGatewayApp } from './gateway.app.js';

const config = loadConfig();
const app = await createGatewayApp({ config });
await app.listen(config.port, config.host);
