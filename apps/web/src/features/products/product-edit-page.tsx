import { Badge, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { useDeniedReason } from '../../lib/me';
import {
  type Product,
  useAddMediaFromUrls,
  useCreateProduct,
  usePrefillFromUrl,
  useProduct,
  useUpdateProduct,
} from './api';
import { ProductForm } from './product-form';
import { ProductPhotos } from './product-photos';
import {
  EMPTY_PRODUCT,
  formErrorsOf,
  type ProductFormValues,
  toFormValues,
  toProductInput,
  withPrefill,
} from './product-values';

/** Shows the server's field errors at the fields; an error without fields goes above the form. */
function useServerErrors(form: ReturnType<typeof useForm<ProductFormValues>>) {
  const [generalError, setGeneralError] = useState<string>();
  return {
    generalError,
    clear: () => setGeneralError(undefined),
    show: (error: Error) => {
      const fields = error instanceof ApiError ? formErrorsOf(error.fieldMessages()) : {};
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else setGeneralError(messageOf(error));
    },
  };
}

export function NewProductPage() {
  const navigate = useNavigate();
  const create = useCreateProduct();
  const addPhotos = useAddMediaFromUrls();
  const form = useForm<ProductFormValues>({ initialValues: EMPTY_PRODUCT });
  const errors = useServerErrors(form);
  const [imageUrls, setImageUrls] = useState<string[]>([]);

  const submit = (values: ProductFormValues) => {
    errors.clear();
    create.mutate(toProductInput(values), {
      onError: errors.show,
      onSuccess: async (product) => {
        if (imageUrls.length > 0) addPhotos.mutate({ productId: product.id, urls: imageUrls });
        await navigate({ to: '/products/$productId', params: { productId: product.id } });
      },
    });
  };

  return (
    <>
      <PageHeader title="New product" description="Add what you sell; photos come next." />
      <Stack gap="lg" maw={760}>
        <PrefillFromUrl
          onPrefill={(prefill) => {
            form.setValues(withPrefill(form.values, prefill));
            setImageUrls(prefill.imageUrls);
          }}
          imageCount={imageUrls.length}
        />
        <Paper withBorder p="md" radius="md">
          <ProductForm
            form={form}
            onSubmit={submit}
            submitLabel="Add product"
            isSaving={create.isPending}
            error={errors.generalError}
          />
        </Paper>
      </Stack>
    </>
  );
}

function PrefillFromUrl({
  onPrefill,
  imageCount,
}: {
  onPrefill: (prefill: Parameters<typeof withPrefill>[1]) => void;
  imageCount: number;
}) {
  const prefill = usePrefillFromUrl();
  const deniedReason = useDeniedReason('write');
  const form = useForm({ initialValues: { url: '' } });
  const submit = form.onSubmit(({ url }) =>
    prefill.mutate(url.trim(), {
      onSuccess: onPrefill,
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        form.setErrors({ url: fields.url ?? messageOf(error) });
      },
    }),
  );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="prefill-title">
      <Title order={2} size="h4" id="prefill-title" mb={4}>
        Start from a product page
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Paste the page of the product in your shop or on a marketplace; Shopcast reads its title, price,
        description and photos. Nothing is saved until you add the product.
      </Text>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" wrap="wrap" gap="sm">
          <TextInput
            label="Product page URL"
            type="url"
            placeholder="https://"
            disabled={!!deniedReason}
            style={{ flex: '1 1 260px' }}
            {...form.getInputProps('url')}
          />
          <GuardedButton requires="write" type="submit" loading={prefill.isPending} mt={25}>
            Prefill
          </GuardedButton>
        </Group>
      </form>
      {prefill.isSuccess && (
        <Text size="sm" mt="sm" role="status">
          Filled in from the page.{' '}
          {imageCount > 0
            ? `${imageCount} photo${imageCount === 1 ? '' : 's'} from it will be added when you save.`
            : 'It had no photos we could use.'}
        </Text>
      )}
    </Paper>
  );
}

export function ProductPage() {
  const { productId } = useParams({ from: '/app/products/$productId' });
  const product = useProduct(productId);
  return (
    <QueryState query={product} label="the product">
      {(loaded) => <ProductEditor key={loaded.id} product={loaded} />}
    </QueryState>
  );
}

function ProductEditor({ product }: { product: Product }) {
  const update = useUpdateProduct(product.id);
  const form = useForm<ProductFormValues>({ initialValues: toFormValues(product) });
  const errors = useServerErrors(form);
  const isArchived = product.status === 'archived';
  const readOnlyReason = useDeniedReason('write');
  const submit = (values: ProductFormValues) => {
    errors.clear();
    update.mutate(toProductInput(values), {
      onError: errors.show,
      onSuccess: (saved) => form.resetDirty(toFormValues(saved)),
    });
  };
  return (
    <>
      <PageHeader
        title={product.title}
        description={
          isArchived
            ? 'Archived: kept in reports, no longer offered for new posts.'
            : (readOnlyReason ?? 'Edit the details, photos and status.')
        }
        actions={
          <>
            <Badge color={isArchived ? 'gray.7' : 'teal.9'} variant="filled" size="lg">
              {isArchived ? 'Archived' : 'Active'}
            </Badge>
            <ArchiveButton product={product} />
          </>
        }
      />
      <Stack gap="lg" maw={960}>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="details-title">
          <Title order={2} size="h4" id="details-title" mb="sm">
            Details
          </Title>
          <ProductForm
            form={form}
            onSubmit={submit}
            submitLabel="Save changes"
            isSaving={update.isPending}
            error={errors.generalError}
          />
        </Paper>
        <ProductPhotos productId={product.id} />
      </Stack>
    </>
  );
}

/** Archiving hides a product from new work but keeps its history; it asks first, restoring does not. */
function ArchiveButton({ product }: { product: Product }) {
  const [isOpen, confirm] = useDisclosure(false);
  const isArchived = product.status === 'archived';
  const setStatus = useUpdateProduct(product.id, isArchived ? 'Product restored' : 'Product archived');
  const change = (status: Product['status']) =>
    setStatus.mutate({ status }, { onSuccess: confirm.close, onError: confirm.close });
  if (isArchived) {
    return (
      <GuardedButton
        requires="write"
        variant="default"
        loading={setStatus.isPending}
        onClick={() => change('active')}
      >
        Restore
      </GuardedButton>
    );
  }
  return (
    <>
      <GuardedButton requires="write" variant="default" color="red" onClick={confirm.open}>
        Archive
      </GuardedButton>
      <Modal opened={isOpen} onClose={confirm.close} title="Archive this product?" centered>
        <Text size="sm" mb="lg">
          “{product.title}” will no longer be offered for new posts and campaigns. Its posts, links and sales
          stay, and you can restore it at any time.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={confirm.close}>
            Cancel
          </Button>
          <Button color="red" loading={setStatus.isPending} onClick={() => change('archived')}>
            Archive product
          </Button>
        </Group>
      </Modal>
    </>
  );
}
