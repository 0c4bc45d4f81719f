import 'reflect-metadata';
import { loadConfig, processEnv } from '@app/config';
import { STOP_SIGNALS } from './embedded-postgres.js';
import { startStandalone } from './standalone.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
const config = loadConfig({ ...processEnv(), SHOPCAST_MODE: 'standalone' });

try {
  const shopcast = await startStandalone(config, log);
  log(`Shopcast is running at ${shopcast.url}`);
  log(`API explorer: ${shopcast.url}/docs`);
  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`${signal} received, stopping Shopcast...`);
    shopcast.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.once(signal, () => stop(signal));
} catch (error) {
  log(`Shopcast could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
