// Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of the web app's build, once at build
// time, so the gateway sends compressed assets without compressing on every request.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = join(import.meta.dirname, '..', 'dist/web');
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt']);
const MIN_BYTES = 1024;
const toBrotli = promisify(brotliCompress);
const toGzip = promisify(gzip);

async function compressUnder(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await compressUnder(path);
    else if (COMPRESSIBLE.has(extname(entry.name))) await compressFile(path);
  }
}

async function compressFile(path) {
  const body = await readFile(path);
  if (body.length < MIN_BYTES) return;
  const brotli = await toBrotli(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  await writeFile(`${path}.br`, brotli);
  await writeFile(`${path}.gz`, await toGzip(body, { level: 9 }));
}

await compressUnder(root);
