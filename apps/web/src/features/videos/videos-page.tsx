import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Image,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { createLink, Link, useNavigate, useSearch } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { QueryState } from '../../components/query-state';
import { ApiError } from '../../lib/api/api-error';
import { useDeniedReason } from '../../lib/me';
import {
  type CreateVideo,
  isRendering,
  type MediaAsset,
  type Product,
  type Video,
  type VideoFormat,
  type VideoTemplate,
  useCreateVideo,
  useDeleteVideo,
  useProduct,
  useProductPhotos,
  useProductSearch,
  useProductVideos,
  useVideo,
} from './api';

const AnchorLink = createLink(Anchor);

const TEMPLATES: { value: VideoTemplate; label: string; description: string }[] = [
  { value: 'showcase', label: 'Showcase', description: 'One photo with a slow zoom.' },
  { value: 'carousel', label: 'Carousel', description: 'Several photos with cross-fades.' },
  {
    value: 'price_drop',
    label: 'Price drop',
    description: 'The old price struck through next to the new one.',
  },
];

const FORMATS: { value: VideoFormat; label: string }[] = [
  { value: 'story_1080x1920', label: 'Story, 1080 × 1920' },
  { value: 'x_720x1280', label: 'Lighter, 720 × 1280' },
  { value: 'square_1080x1080', label: 'Square, 1080 × 1080' },
];

/** The tallest the player gets; its width follows the video's own shape. */
const PLAYER_HEIGHT = 480;

const STATUS: Record<Video['status'], { label: string; color: string }> = {
  queued: { label: 'Waiting to render', color: 'gray.8' },
  rendering: { label: 'Rendering', color: 'blue.8' },
  ready: { label: 'Ready', color: 'teal.9' },
  failed: { label: 'Failed', color: 'red.9' },
};

export function VideosPage() {
  const { productId } = useSearch({ strict: false });
  const navigate = useNavigate();
  const choose = (id: string | null) => void navigate({ to: '/videos', search: id ? { productId: id } : {} });
  return (
    <>
      <PageHeader
        title="Videos"
        description="Turn a product's photos into a short vertical video with its name, price and a call to action."
      />
      <Stack gap="lg">
        <ProductPicker productId={productId} onChange={choose} />
        {productId && <ProductVideos productId={productId} />}
      </Stack>
    </>
  );
}

function ProductPicker({
  productId,
  onChange,
}: {
  productId?: string;
  onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const products = useProductSearch(debounced);
  const chosen = useProduct(productId);
  if (products.data?.length === 0 && !debounced && !productId) {
    return (
      <EmptyState
        title="Add a product first"
        actions={
          <Group justify="center">
            <Button component={Link} to="/products/new">
              Add a product
            </Button>
            <Button component={Link} to="/imports" variant="default">
              Import a CSV
            </Button>
          </Group>
        }
      >
        A video is made from a product's photos, name and price. Add a product with at least one photo, then
        come back here.
      </EmptyState>
    );
  }
  const options = toOptions(products.data ?? [], chosen.data);
  return (
    <Select
      label="Product"
      placeholder="Search your products"
      searchable
      clearable
      data={options}
      value={productId ?? null}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={products.isFetching ? 'Searching…' : 'No product matches'}
      maw={480}
    />
  );
}

/** The search results, plus the chosen product even when the search no longer finds it. */
function toOptions(products: Product[], chosen?: Product) {
  const list =
    chosen && !products.some((product) => product.id === chosen.id) ? [chosen, ...products] : products;
  return list.map((product) => ({ value: product.id, label: product.title }));
}

function ProductVideos({ productId }: { productId: string }) {
  const photos = useProductPhotos(productId);
  const videos = useProductVideos(productId);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="make-video-title">
        <Title order={2} size="h4" id="make-video-title" mb="sm">
          Make a video
        </Title>
        <QueryState query={photos} label="the product's photos">
          {(list) =>
            list.length === 0 ? (
              <Text size="sm">
                This product has no ready photo yet.{' '}
                <AnchorLink to="/products/$productId" params={{ productId }}>
                  Add photos to the product
                </AnchorLink>
                , then make its video here.
              </Text>
            ) : (
              <RenderForm productId={productId} photos={list} />
            )
          }
        </QueryState>
      </Paper>
      <section aria-labelledby="product-videos-title">
        <Title order={2} size="h4" id="product-videos-title" mb="sm">
          Videos of this product
        </Title>
        <QueryState query={videos} label="videos">
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                No video yet. Choose a template and photos, then render: the video plays here when it is
                ready.
              </Text>
            ) : (
              <Stack gap="md">
                {list.map((video) => (
                  <VideoCard key={video.id} initial={video} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </section>
    </SimpleGrid>
  );
}

interface RenderValues {
  template: VideoTemplate;
  imageIds: string[];
  durationSec: number;
  format: VideoFormat;
  texts: { price: string; oldPrice: string; cta: string };
}

function toCreateVideo(values: RenderValues): CreateVideo {
  const optional = (value: string) => value.trim() || undefined;
  return {
    template: values.template,
    imageIds: values.imageIds,
    durationSec: values.durationSec,
    formats: [values.format],
    texts: {
      price: optional(values.texts.price),
      oldPrice: values.template === 'price_drop' ? optional(values.texts.oldPrice) : undefined,
      cta: optional(values.texts.cta),
    },
  };
}

function RenderForm({ productId, photos }: { productId: string; photos: MediaAsset[] }) {
  const createVideo = useCreateVideo(productId);
  const deniedReason = useDeniedReason('write');
  const form = useForm<RenderValues>({
    initialValues: {
      template: 'showcase',
      imageIds: photos.slice(0, 1).map((photo) => photo.id),
      durationSec: 15,
      format: 'story_1080x1920',
      texts: { price: '', oldPrice: '', cta: 'Shop now' },
    },
    validate: {
      imageIds: (ids) => (ids.length === 0 ? 'Choose at least one photo' : null),
    },
  });
  const template = TEMPLATES.find((option) => option.value === form.values.template);
  const submit = form.onSubmit((values) =>
    createVideo.mutate(toCreateVideo(values), {
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        const byForm = Object.fromEntries(
          Object.entries(fields).map(([field, message]) => [field.replace(/^formats.*/, 'format'), message]),
        );
        form.setErrors(Object.keys(byForm).length > 0 ? byForm : { imageIds: error.message });
      },
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500} id="template-label" mb={4}>
            Template
          </Text>
          <SegmentedControl
            aria-labelledby="template-label"
            data={TEMPLATES.map(({ value, label }) => ({ value, label }))}
            disabled={!!deniedReason}
            fullWidth
            {...form.getInputProps('template')}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {template?.description}
          </Text>
        </div>
        <Checkbox.Group
          label="Photos"
          description="In the order you tick them; a carousel uses all of them."
          {...form.getInputProps('imageIds')}
        >
          <SimpleGrid cols={{ base: 3, xs: 4 }} spacing="xs" mt={6}>
            {photos.map((photo, index) => (
              <PhotoChoice key={photo.id} photo={photo} number={index + 1} isDisabled={!!deniedReason} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NumberInput
            label="Length (seconds)"
            min={6}
            max={60}
            clampBehavior="strict"
            allowDecimal={false}
            disabled={!!deniedReason}
            {...form.getInputProps('durationSec')}
          />
          <Select
            label="Size"
            data={FORMATS}
            allowDeselect={false}
            disabled={!!deniedReason}
            {...form.getInputProps('format')}
          />
          <TextInput
            label="Price shown"
            placeholder="$19"
            disabled={!!deniedReason}
            {...form.getInputProps('texts.price')}
          />
          {form.values.template === 'price_drop' && (
            <TextInput
              label="Old price (struck through)"
              placeholder="$29"
              disabled={!!deniedReason}
              {...form.getInputProps('texts.oldPrice')}
            />
          )}
          <TextInput label="Call to action" disabled={!!deniedReason} {...form.getInputProps('texts.cta')} />
        </SimpleGrid>
        <Group>
          <GuardedButton requires="write" type="submit" loading={createVideo.isPending}>
            Render video
          </GuardedButton>
        </Group>
      </Stack>
    </form>
  );
}

function PhotoChoice({
  photo,
  number,
  isDisabled,
}: {
  photo: MediaAsset;
  number: number;
  isDisabled: boolean;
}) {
  const thumbnail = photo.variants.find((variant) => variant.name === 'thumbnail')?.url ?? photo.originalUrl;
  return (
    <Checkbox.Card value={photo.id} radius="md" p={4} aria-label={`Photo ${number}`} disabled={isDisabled}>
      <Stack gap={4} align="center">
        <Image src={thumbnail} alt="" radius="sm" h={72} w="100%" fit="cover" />
        <Group gap={4} wrap="nowrap">
          <Checkbox.Indicator size="xs" />
          <Text size="xs">Photo {number}</Text>
        </Group>
      </Stack>
    </Checkbox.Card>
  );
}

function VideoCard({ initial }: { initial: Video }) {
  const { data: video } = useVideo(initial);
  const deleteVideo = useDeleteVideo(video.productId);
  const [isConfirming, setConfirming] = useState(false);
  const status = STATUS[video.status];
  const template = TEMPLATES.find((option) => option.value === video.template)?.label ?? video.template;
  const output = video.outputs[0];
  const title = `${template} video, ${video.durationSec} s`;
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <div>
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            Made {dayjs(video.createdAt).format('D MMM YYYY, HH:mm')}
          </Text>
        </div>
        <Badge color={status.color} variant="filled">
          {status.label}
        </Badge>
      </Group>
      {isRendering(video) && (
        <Stack gap={4}>
          <Progress
            value={video.progress}
            animated
            aria-label={`Rendering progress of the ${template.toLowerCase()} video`}
          />
          <Text size="xs" c="dimmed" aria-live="polite">
            {video.status === 'queued' ? 'Waiting for the renderer…' : `Rendering… ${video.progress}%`}
          </Text>
        </Stack>
      )}
      {video.status === 'failed' && (
        <Alert color="red" title="The render failed" role="alert">
          {video.failureReason ?? 'No reason was given.'} Try again, or with other photos.
        </Alert>
      )}
      {video.status === 'ready' && output && (
        <Stack gap="xs">
          <video
            controls
            preload="metadata"
            src={output.url}
            aria-label={`${title}, ${output.width} × ${output.height}`}
            style={{
              display: 'block',
              width: '100%',
              maxWidth: Math.round((PLAYER_HEIGHT * output.width) / output.height),
              aspectRatio: `${output.width} / ${output.height}`,
              margin: '0 auto',
              background: 'black',
              borderRadius: 8,
            }}
          />
          <Text size="xs" c="dimmed">
            {output.width} × {output.height} · {(output.bytes / 1_000_000).toFixed(1)} MB
          </Text>
        </Stack>
      )}
      <Group gap="xs" mt="sm" wrap="wrap">
        {video.status === 'ready' && output && (
          <>
            <Button
              component="a"
              href={output.url}
              download={`video-${video.id}.mp4`}
              variant="default"
              size="xs"
            >
              Download
            </Button>
            <UseInPostLink productId={video.productId} videoId={video.id} />
          </>
        )}
        <GuardedButton
          requires="write"
          size="xs"
          variant="subtle"
          color="red"
          aria-label={`Delete the ${title}`}
          onClick={() => setConfirming(true)}
        >
          Delete
        </GuardedButton>
      </Group>
      <ConfirmDialog
        opened={isConfirming}
        title="Delete this video?"
        confirmLabel="Delete video"
        isPending={deleteVideo.isPending}
        onConfirm={() => deleteVideo.mutate(video.id, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        The video file goes too; posts already published with it stay as they are.
      </ConfirmDialog>
    </Paper>
  );
}

/** A link to the compose page with the product and the video chosen (its search params belong to compose). */
function UseInPostLink({ productId, videoId }: { productId: string; videoId: string }) {
  const navigate = useNavigate();
  const href = `/compose?${new URLSearchParams({ productId, videoId }).toString()}`;
  return (
    <Button
      component="a"
      href={href}
      size="xs"
      onClick={(event: React.MouseEvent) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        void navigate({ href });
      }}
    >
      Use in a post
    </Button>
  );
}
