import { Alert, Group, NumberInput, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { GuardedButton } from '../../components/guarded-button';
import { useDeniedReason } from '../../lib/me';
import type { ProductFormValues } from './product-values';

/** The fields of a product; amounts are decimals here and minor units in the API. */
export function ProductForm({
  form,
  onSubmit,
  submitLabel,
  isSaving,
  error,
  extraActions,
}: {
  form: UseFormReturnType<ProductFormValues>;
  onSubmit: (values: ProductFormValues) => void;
  submitLabel: string;
  isSaving: boolean;
  error?: string;
  extraActions?: ReactNode;
}) {
  const isReadOnly = !!useDeniedReason('write');
  const currency = form.values.currency.trim().toUpperCase();
  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate aria-label="Product details">
      <fieldset disabled={isReadOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          {error && (
            <Alert color="red" role="alert" title="Not saved">
              {error}
            </Alert>
          )}
          <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
          <Textarea
            label="Description"
            autosize
            minRows={3}
            maxRows={12}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
            <NumberInput
              label="Price"
              min={0}
              decimalScale={3}
              thousandSeparator=","
              description={currency ? `In ${currency}` : 'Needs a currency'}
              {...form.getInputProps('price')}
            />
            <TextInput
              label="Currency"
              placeholder="USD"
              maxLength={3}
              description="ISO code: USD, EUR, GBP…"
              {...form.getInputProps('currency')}
            />
            <NumberInput
              label="Your cost"
              min={0}
              decimalScale={3}
              thousandSeparator=","
              description="For margin; never shown to buyers"
              {...form.getInputProps('cost')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <NumberInput
              label="Commission rate (%)"
              min={0}
              max={100}
              decimalScale={2}
              description="What an affiliate program pays you"
              {...form.getInputProps('commissionRate')}
            />
            <TextInput label="Category" maxLength={100} {...form.getInputProps('category')} />
          </SimpleGrid>
          <TagsInput
            label="Tags"
            description="Press Enter after each tag"
            maxTags={50}
            {...form.getInputProps('tags')}
          />
          <TextInput
            label="Destination URL"
            description="Where a click lands: your shop or your affiliate link"
            type="url"
            {...form.getInputProps('destinationUrl')}
          />
          <TextInput
            label="SKU"
            description="Your id for it; imports match on it"
            {...form.getInputProps('externalId')}
          />
        </Stack>
      </fieldset>
      <Group mt="lg" gap="sm">
        <GuardedButton requires="write" type="submit" loading={isSaving}>
          {submitLabel}
        </GuardedButton>
        {extraActions}
      </Group>
    </form>
  );
}
