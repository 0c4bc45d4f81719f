import { Button, ColorInput, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { GuardedButton } from '../../components/guarded-button';
import { QueryState } from '../../components/query-state';
import { ApiError } from '../../lib/api/api-error';
import { useDeniedReason } from '../../lib/me';
import { type Brand, useBrand, useSaveBrand } from './api';

const FONTS: Brand['font'][] = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono'];
const MAX_COLOURS = 4;

export function BrandSettings() {
  const brand = useBrand();
  return (
    <QueryState query={brand} label="the brand">
      {(data) => <BrandForm brand={data} />}
    </QueryState>
  );
}

function BrandForm({ brand }: { brand: Brand }) {
  const save = useSaveBrand();
  const deniedReason = useDeniedReason('write');
  const form = useForm<{ colors: string[]; font: Brand['font'] }>({
    initialValues: { colors: brand.colors, font: brand.font },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(values, {
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        form.setErrors(Object.keys(fields).length ? fields : { font: error.message });
      },
    }),
  );
  const colours = form.values.colors;
  return (
    <Paper withBorder p="md" radius="md" maw={560}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            Videos that name no brand of their own use these: a background gradient (top to bottom) and the
            font of their text. Without colours the background is the blurred product image.
          </Text>
          {colours.map((_, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <ColorInput
                label={`Colour ${index + 1}`}
                format="hex"
                eyeDropperButtonProps={{ 'aria-label': `Pick colour ${index + 1} from the screen` }}
                disabled={!!deniedReason}
                style={{ flex: 1 }}
                {...form.getInputProps(`colors.${index}`)}
              />
              <Button
                variant="subtle"
                color="red"
                disabled={!!deniedReason}
                aria-label={`Remove colour ${index + 1}`}
                onClick={() => form.removeListItem('colors', index)}
              >
                Remove
              </Button>
            </Group>
          ))}
          {form.errors.colors && (
            <Text size="sm" c="red.9" role="alert">
              {form.errors.colors}
            </Text>
          )}
          {colours.length < MAX_COLOURS && (
            <Button
              variant="default"
              disabled={!!deniedReason}
              onClick={() => form.insertListItem('colors', colours.at(-1) ?? '#1c7ed6')}
              style={{ alignSelf: 'flex-start' }}
            >
              Add a colour
            </Button>
          )}
          <Select
            label="Font"
            data={FONTS}
            allowDeselect={false}
            disabled={!!deniedReason}
            {...form.getInputProps('font')}
          />
          <Text size="sm" c="dimmed">
            A watermark (your logo) is chosen per video, from the product&apos;s photos, when you render it.
          </Text>
          <Group justify="flex-end">
            <GuardedButton requires="write" type="submit" loading={save.isPending}>
              Save brand
            </GuardedButton>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
