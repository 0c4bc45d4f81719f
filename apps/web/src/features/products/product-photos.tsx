import '@mantine/dropzone/styles.css';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  Collapse,
  Group,
  Image,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Dropzone, IMAGE_MIME_TYPE } from '@mantine/dropzone';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { GuardedButton } from '../../components/guarded-button';
import { QueryState } from '../../components/query-state';
import { messageOf } from '../../lib/api/api-error';
import { useDeniedReason } from '../../lib/me';
import { type MediaAsset, productKeys, useDeleteMedia, useProductMedia, useReorderMedia } from './api';
import { uploadProductPhoto } from './upload';

const MAX_PHOTO_BYTES = 25 * 1024 * 1024;

interface Upload {
  id: number;
  name: string;
  sent: number;
  error?: string;
}

/** The product's photos: upload by drag and drop, see each preset variant, put them in order. */
export function ProductPhotos({ productId }: { productId: string }) {
  const media = useProductMedia(productId);
  const canUpload = !useDeniedReason('write');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="photos-title">
      <Title order={2} size="h4" id="photos-title" mb={4}>
        Photos
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The first photo is the primary one. Each photo is made into every platform&apos;s format (story,
        portrait, square, pin, landscape, marketplace).
      </Text>
      <Stack gap="md">
        <PhotoDrop productId={productId} />
        <QueryState query={media} label="photos">
          {(assets) =>
            assets.length === 0 ? (
              <Text size="sm" c="dimmed">
                {canUpload ? 'No photos yet: drop some above.' : 'No photos yet.'}
              </Text>
            ) : (
              <PhotoList productId={productId} assets={assets} />
            )
          }
        </QueryState>
      </Stack>
    </Paper>
  );
}

function PhotoDrop({ productId }: { productId: string }) {
  const queryClient = useQueryClient();
  const deniedReason = useDeniedReason('write');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [rejection, setRejection] = useState<string>();
  const patch = (id: number, change: Partial<Upload>) =>
    setUploads((current) => current.map((upload) => (upload.id === id ? { ...upload, ...change } : upload)));

  const start = (files: File[]) => {
    setRejection(undefined);
    for (const file of files) {
      const id = Date.now() + Math.random();
      setUploads((current) => [...current, { id, name: file.name, sent: 0 }]);
      uploadProductPhoto(productId, file, (sent) => patch(id, { sent }))
        .then(async () => {
          setUploads((current) => current.filter((upload) => upload.id !== id));
          await queryClient.invalidateQueries({ queryKey: productKeys.media(productId) });
        })
        .catch((error: unknown) => patch(id, { error: messageOf(error) }));
    }
  };

  return (
    <Stack gap="xs">
      <Dropzone
        onDrop={start}
        onReject={(files) =>
          setRejection(
            `${files.map((file) => file.file.name).join(', ')}: only images up to 25 MB (JPEG, PNG, WebP, AVIF, GIF).`,
          )
        }
        accept={IMAGE_MIME_TYPE}
        maxSize={MAX_PHOTO_BYTES}
        disabled={!!deniedReason}
        aria-label="Upload photos"
        title={deniedReason}
      >
        <Stack align="center" gap={4} py="md" style={{ pointerEvents: 'none' }}>
          <Text fw={600}>{deniedReason ? 'Uploading is not open to viewers' : 'Drop photos here'}</Text>
          <Text size="sm" c="dimmed">
            {deniedReason ?? 'or press to choose files. JPEG, PNG, WebP, AVIF or GIF, up to 25 MB each.'}
          </Text>
        </Stack>
      </Dropzone>
      {rejection && (
        <Text size="sm" c="red.9" role="alert">
          {rejection}
        </Text>
      )}
      {uploads.map((upload) => (
        <Box key={upload.id}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" truncate="end">
              {upload.name}
            </Text>
            <Text size="sm" c={upload.error ? 'red.9' : 'dimmed'}>
              {upload.error ?? `${Math.round(upload.sent * 100)}%`}
            </Text>
          </Group>
          <Progress
            value={upload.sent * 100}
            color={upload.error ? 'red' : 'blue'}
            aria-label={`Uploading ${upload.name}`}
            size="sm"
          />
        </Box>
      ))}
    </Stack>
  );
}

function PhotoList({ productId, assets }: { productId: string; assets: MediaAsset[] }) {
  const reorder = useReorderMedia(productId);
  const move = (index: number, by: -1 | 1) => {
    const ids = assets.map((asset) => asset.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved);
    reorder.mutate(ids);
  };
  return (
    <Stack
      gap="sm"
      component="ol"
      aria-label="Photos in order"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {assets.map((asset, index) => (
        <PhotoCard
          key={asset.id}
          productId={productId}
          asset={asset}
          position={index + 1}
          isLast={index === assets.length - 1}
          isMoving={reorder.isPending}
          onMove={(by) => move(index, by)}
        />
      ))}
    </Stack>
  );
}

function PhotoCard({
  productId,
  asset,
  position,
  isLast,
  isMoving,
  onMove,
}: {
  productId: string;
  asset: MediaAsset;
  position: number;
  isLast: boolean;
  isMoving: boolean;
  onMove: (by: -1 | 1) => void;
}) {
  const [showsVariants, variants] = useDisclosure(false);
  const remove = useDeleteMedia(productId);
  const deniedReason = useDeniedReason('write');
  const thumbnail = asset.variants.find((variant) => variant.name === 'thumbnail')?.url;
  const presets = asset.variants.filter(
    (variant) => variant.name !== 'thumbnail' && variant.name !== 'master',
  );
  const name = `Photo ${position}`;
  return (
    <Card withBorder radius="md" padding="sm" component="li" aria-label={name}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box w={72} h={72} style={{ flexShrink: 0 }}>
          {thumbnail ? (
            <Image src={thumbnail} alt={`${name}, thumbnail`} w={72} h={72} radius="sm" fit="cover" />
          ) : (
            <Box w={72} h={72} bg="gray.1" style={{ borderRadius: 4 }} />
          )}
        </Box>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {name}
            </Text>
            {asset.isPrimary && (
              <Badge color="blue.8" variant="filled" size="sm">
                Primary
              </Badge>
            )}
            <StatusBadge asset={asset} />
          </Group>
          {asset.width && asset.height && (
            <Text size="xs" c="dimmed">
              {asset.width}×{asset.height} original
            </Text>
          )}
          {asset.status === 'ready' && presets.length > 0 && (
            <Button
              variant="default"
              size="compact-sm"
              onClick={variants.toggle}
              aria-expanded={showsVariants}
              w="fit-content"
            >
              {showsVariants ? 'Hide' : 'Show'} {presets.length} variants of {name.toLowerCase()}
            </Button>
          )}
        </Stack>
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="default"
            aria-label={`Move ${name.toLowerCase()} earlier`}
            disabled={!!deniedReason || position === 1 || isMoving}
            onClick={() => onMove(-1)}
          >
            ↑
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={`Move ${name.toLowerCase()} later`}
            disabled={!!deniedReason || isLast || isMoving}
            onClick={() => onMove(1)}
          >
            ↓
          </ActionIcon>
        </Group>
      </Group>
      <Collapse expanded={showsVariants}>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" mt="sm">
          {presets.map((variant) => (
            <Stack key={variant.name} gap={2} component="figure" m={0}>
              <Image
                src={variant.url}
                alt={`${name}, ${variant.name} variant`}
                h={120}
                fit="contain"
                bg="gray.1"
                radius="sm"
                loading="lazy"
              />
              <Text size="xs" component="figcaption">
                <Text span fw={600} size="xs" tt="capitalize">
                  {variant.name}
                </Text>{' '}
                {variant.width}×{variant.height}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      </Collapse>
      <Group justify="flex-end" mt="xs">
        <GuardedButton
          requires="write"
          size="compact-sm"
          variant="default"
          loading={remove.isPending}
          onClick={() => remove.mutate(asset.id)}
          aria-label={`Remove ${name.toLowerCase()}`}
        >
          Remove
        </GuardedButton>
      </Group>
    </Card>
  );
}

function StatusBadge({ asset }: { asset: MediaAsset }) {
  if (asset.status === 'ready') return null;
  if (asset.status === 'processing')
    return (
      <Badge color="gray.7" variant="filled" size="sm">
        Processing…
      </Badge>
    );
  return (
    <Text size="xs" c="red.9">
      Could not be processed: {asset.failureReason ?? 'unknown reason'}
    </Text>
  );
}
