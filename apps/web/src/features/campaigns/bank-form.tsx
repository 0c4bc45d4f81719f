import {
  Alert,
  Button,
  CloseButton,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { fillTemplate, TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from '@app/platform-rules';
import { ApiError } from '../../lib/api/api-error';
import { isoToZoned, zonedToIso } from '../../lib/zoned-time';
import { type Campaign, type CatalogProduct, useBankProducts, useProductSearch, useSaveBank } from './api';

interface BankValues {
  templates: Array<{ variant: string; text: string }>;
  productIds: string[];
  fillAheadDays: number;
  minGapHours: number;
  whenBankUsedUp: Campaign['whenBankUsedUp'];
  /** Wall-clock time in the campaign's zone, as the date picker gives it. */
  endsAt: string | null;
  picksWinner: boolean;
  minTrialsPerVariant: number;
}

const PLACEHOLDERS = TEMPLATE_PLACEHOLDERS.map((name) => `{${name}}`).join(', ');

/** Edits the bank (templates with variant labels, catalog products) and how the campaign rotates them. */
export function BankForm({ campaign, onSaved }: { campaign: Campaign; onSaved: () => void }) {
  const zone = campaign.schedule.timezone;
  const save = useSaveBank(campaign.id);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<BankValues>({
    initialValues: {
      templates: campaign.templates.length > 0 ? campaign.templates : [{ variant: 'A', text: '' }],
      productIds: campaign.productIds,
      fillAheadDays: campaign.fillAheadDays,
      minGapHours: campaign.minGapHours,
      whenBankUsedUp: campaign.whenBankUsedUp,
      endsAt: campaign.endsAt && isoToZoned(campaign.endsAt, zone),
      picksWinner: campaign.autoWinner !== null,
      minTrialsPerVariant: campaign.autoWinner?.minTrialsPerVariant ?? 500,
    },
    validate: {
      templates: {
        variant: (value) => (value.trim() ? null : 'Give the variant a label'),
        text: (value) => {
          if (!value.trim()) return 'Write the copy';
          const unknown = unknownPlaceholders(value);
          return unknown.length > 0 ? `{${unknown[0]}} is not a placeholder: use ${PLACEHOLDERS}` : null;
        },
      },
    },
  });
  const submit = form.onSubmit((values) => {
    setFailure(null);
    const body = {
      templates: values.templates.map(({ variant, text }) => ({ variant: variant.trim(), text })),
      productIds: values.productIds,
      fillAheadDays: values.fillAheadDays,
      minGapHours: values.minGapHours,
      whenBankUsedUp: values.whenBankUsedUp,
      endsAt: values.endsAt ? zonedToIso(values.endsAt, zone) : null,
      autoWinner: values.picksWinner ? { minTrialsPerVariant: values.minTrialsPerVariant } : null,
    };
    save.mutate(body, {
      onSuccess: onSaved,
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        if (Object.keys(fields).length === 0) return setFailure(error.message);
        form.setErrors(fields);
      },
    });
  });
  const chosen = useBankProducts(form.values.productIds);
  const sample = form.values.productIds.map((id) => chosen.get(id)).find((product) => product) ?? null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          Each slot on each connection gets the next product and the next template. Templates may use{' '}
          {PLACEHOLDERS}, filled from the product; a product without a price never gets a template that names
          one.
        </Text>
        <Stack gap="xs" component="fieldset" m={0} p={0} style={{ border: 0 }}>
          <Text component="legend" fw={500} size="sm">
            Templates
          </Text>
          {form.values.templates.map((template, index) => (
            <Paper key={index} withBorder p="sm" radius="md">
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
                  <TextInput
                    label={`Variant label ${index + 1}`}
                    description="Posts carry it, to compare variants later"
                    maw={240}
                    {...form.getInputProps(`templates.${index}.variant`)}
                  />
                  <Textarea
                    label={`Copy ${index + 1}`}
                    autosize
                    minRows={2}
                    {...form.getInputProps(`templates.${index}.text`)}
                  />
                  <Preview text={template.text} product={sample} />
                </Stack>
                <CloseButton
                  aria-label={`Remove template ${index + 1}`}
                  disabled={form.values.templates.length === 1}
                  onClick={() => form.removeListItem('templates', index)}
                />
              </Group>
            </Paper>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() =>
                form.insertListItem('templates', { variant: nextLabel(form.values.templates), text: '' })
              }
            >
              Add a template
            </Button>
          </Group>
        </Stack>
        <ProductPicker
          value={form.values.productIds}
          known={chosen}
          onChange={(ids) => form.setFieldValue('productIds', ids)}
          error={form.errors.productIds}
        />
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label="Fill ahead (days)"
            description="How far ahead its slots are kept filled"
            min={1}
            max={60}
            allowDecimal={false}
            {...form.getInputProps('fillAheadDays')}
          />
          <NumberInput
            label="Same product at most every (hours)"
            description="Per connection; 0 for no gap"
            min={0}
            max={2160}
            allowDecimal={false}
            {...form.getInputProps('minGapHours')}
          />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="bank-used-up">
            Once every template went out with every product
          </Text>
          <SegmentedControl
            aria-labelledby="bank-used-up"
            data={[
              { value: 'repeat', label: 'Go round again' },
              { value: 'stop', label: 'Stop and complete' },
            ]}
            {...form.getInputProps('whenBankUsedUp')}
          />
        </Stack>
        <DateTimePicker
          label="Ends"
          description={`Optional; empty for no end. No slot after it is filled, and the campaign then completes. In ${zone}.`}
          valueFormat="D MMM YYYY, HH:mm"
          clearable
          maw={320}
          timePickerProps={{ 'aria-label': 'Time' }}
          {...form.getInputProps('endsAt')}
          onChange={(value) => form.setFieldValue('endsAt', value)}
        />
        <Stack gap="xs">
          <Switch
            label="Pick the winner by itself"
            description="Once a variant is best with 95 % probability, the bank posts it alone; you can undo it"
            {...form.getInputProps('picksWinner', { type: 'checkbox' })}
          />
          {form.values.picksWinner && (
            <NumberInput
              label="Trials each variant needs first"
              description="Impressions, or clicks where the platform reports no impressions"
              min={1}
              max={1_000_000}
              allowDecimal={false}
              thousandSeparator=","
              maw={320}
              {...form.getInputProps('minTrialsPerVariant')}
              error={form.errors.minTrialsPerVariant ?? form.errors['autoWinner.minTrialsPerVariant']}
            />
          )}
        </Stack>
        {failure && (
          <Alert color="red" title="The bank was not saved" role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save the bank
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The template as the first chosen product fills it, with the same code the campaign fills it with. */
function Preview({ text, product }: { text: string; product: CatalogProduct | null }) {
  if (!product || !text.trim() || unknownPlaceholders(text).length > 0) return null;
  const filled = fillTemplate(text, {
    title: product.title,
    priceMinor: product.priceMinor,
    currency: product.currency,
    url: product.destinationUrl,
  });
  return (
    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
      {filled === null
        ? `${product.title} lacks a fact this template names: the two are never paired.`
        : `With ${product.title}: ${filled}`}
    </Text>
  );
}

/** Catalog products, searched on the server; chosen ones keep their names while another search shows. */
function ProductPicker({
  value,
  known,
  onChange,
  error,
}: {
  value: string[];
  known: Map<string, CatalogProduct | null>;
  onChange: (ids: string[]) => void;
  error?: ReactNode;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const results = useProductSearch(debounced);
  const labels = new Map<string, string>();
  for (const id of value) labels.set(id, known.get(id)?.title ?? 'A product no longer in the catalog');
  for (const product of results.data ?? []) labels.set(product.id, product.title);
  return (
    <MultiSelect
      label="Products"
      description="In rotation order; search your active products by name"
      placeholder={value.length === 0 ? 'Search your products' : undefined}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={[...labels].map(([id, label]) => ({ value: id, label }))}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No product matches'}
      value={value}
      onChange={onChange}
      error={error}
      maxValues={100}
    />
  );
}

/** A, B, C … the first letter label not taken yet. */
function nextLabel(templates: ReadonlyArray<{ variant: string }>): string {
  const taken = new Set(templates.map((template) => template.variant.trim().toUpperCase()));
  for (let code = 65; code <= 90; code += 1)
    if (!taken.has(String.fromCharCode(code))) return String.fromCharCode(code);
  return `V${templates.length + 1}`;
}
