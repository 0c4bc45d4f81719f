import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { createGatewayApp } from './gateway.app.js';

const config = loadConfig();
const app = await createGatewayApp({ config });
// Here, not in createGatewayApp: standalone stops the gateway itself, before the services and Postgres.
app.enableShutdownHooks();
await app.listen(config.port, config.host);
