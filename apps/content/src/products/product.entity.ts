import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  UpdateDateColumn,
  type ValueTransformer,
} from 'typeorm';
import type { ProductStatus } from '@app/contracts';

/** pg returns numeric as a string (it may not fit a double); commission rates always do. */
const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A catalog product as stored in content.products; mapped to ProductView before it leaves the service. */
@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'price_minor', type: 'integer', nullable: true })
  priceMinor!: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency!: string | null;

  @Column({ name: 'cost_minor', type: 'integer', nullable: true })
  costMinor!: number | null;

  @Column({
    name: 'commission_rate',
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: numericAsNumber,
  })
  commissionRate!: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  category!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ name: 'destination_url', type: 'text', nullable: true })
  destinationUrl!: string | null;

  @Column({ name: 'external_id', type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: ProductStatus;

  // Millisecond precision, so a page cursor carrying createdAt as a JS Date compares exactly.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** The fields a user sets; everything else is the service's. */
export type ProductValues = Pick<
  ProductEntity,
  | 'title'
  | 'description'
  | 'priceMinor'
  | 'currency'
  | 'costMinor'
  | 'commissionRate'
  | 'category'
  | 'tags'
  | 'destinationUrl'
  | 'externalId'
  | 'status'
>;
