import { join } from 'node:path';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import type { BlobStore } from './blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import { resolveMediaUrlSecret } from './media-url-secret.js';
import { MediaUrlSigner } from './media-url-signer.js';
import { S3BlobStore } from './s3-blob-store.js';

/** Injection token of the configured BlobStore. */
export const BLOB_STORE = Symbol('BLOB_STORE');

/** The filesystem store's root under the data dir. */
export function mediaRoot(config: AppConfig): string {
  return join(config.dataDir, 'media');
}

/** The BlobStore STORAGE_DRIVER selects, with its URL signer (used by the fs driver and the gateway). */
export async function createBlobStore(config: AppConfig, signer: MediaUrlSigner): Promise<BlobStore> {
  if (config.storage.driver === 's3') {
    const store = new S3BlobStore(config.storage.s3);
    await store.ensureBucket();
    return store;
  }
  return new FsBlobStore(mediaRoot(config), signer, config.publicBaseUrl);
}

/** Provides BLOB_STORE and MediaUrlSigner from the config. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: MediaUrlSigner,
          useFactory: async () => new MediaUrlSigner(await resolveMediaUrlSecret(config)),
        },
        {
          provide: BLOB_STORE,
          inject: [MediaUrlSigner],
          useFactory: (signer: MediaUrlSigner) => createBlobStore(config, signer),
        },
      ],
      exports: [BLOB_STORE, MediaUrlSigner],
    };
  }
}
