import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@app/database';
import { SigningKeyEntity } from './signing-key.entity.js';

export type NewSigningKey = Omit<SigningKeyEntity, 'createdAt'>;

const FIRST_KEY_LOCK = 'shopcast:auth:signing-key';

/** Every query on the stored signing keys. */
@Injectable()
export class KeysRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Every stored key, newest first. */
  list(): Promise<SigningKeyEntity[]> {
    return this.tx.manager.getRepository(SigningKeyEntity).find({ order: { createdAt: 'DESC', kid: 'ASC' } });
  }

  /**
   * Stores the candidate only when no key exists yet, under an advisory lock so that replicas starting
   * together agree on one key; returns every stored key, newest first.
   */
  insertIfNoneExists(candidate: NewSigningKey): Promise<SigningKeyEntity[]> {
    return this.tx.run(async () => {
      await this.tx.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [FIRST_KEY_LOCK]);
      const keys = this.tx.manager.getRepository(SigningKeyEntity);
      if ((await keys.count()) === 0) await keys.insert(candidate);
      return keys.find({ order: { createdAt: 'DESC', kid: 'ASC' } });
    });
  }
}
