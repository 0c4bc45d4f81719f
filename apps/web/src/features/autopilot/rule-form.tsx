import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError } from '../../lib/api/api-error';
import { type NewRule, type Rule, useCampaignChoices, useConnectionNames, useSaveRule } from './api';
import { type FilterValues, toFilter, toFilterValues } from './rule-filter';

const TONES = ['friendly', 'excited', 'minimal', 'premium'] as const;
const COPY_MODES = [
  { value: 'auto', label: 'AI when configured, else templates' },
  { value: 'ai', label: 'AI only (skip the product if AI fails)' },
  { value: 'template', label: 'Templates only' },
];

interface Values extends FilterValues {
  name: string;
  enabled: boolean;
  campaignId: string | null;
  connectionIds: string[];
  requireReview: boolean;
  tone: Rule['copy']['tone'];
  mode: Rule['copy']['mode'];
}

/** Creates a rule, or edits one (changes apply to products that arrive from now on). */
export function RuleForm({ rule, onSaved }: { rule?: Rule; onSaved: (saved: Rule) => void }) {
  const save = useSaveRule(rule?.id);
  const campaigns = useCampaignChoices();
  const names = useConnectionNames();
  const form = useForm<Values>({
    initialValues: {
      name: rule?.name ?? '',
      enabled: rule?.enabled ?? true,
      campaignId: rule?.campaignId ?? null,
      connectionIds: rule?.connectionIds ?? [],
      requireReview: rule?.requireReview ?? false,
      tone: rule?.copy.tone ?? 'friendly',
      mode: rule?.copy.mode ?? 'auto',
      ...toFilterValues(rule?.filter),
    },
  });
  const campaign = campaigns.data?.find((candidate) => candidate.id === form.values.campaignId);
  const connectionChoices = (campaign?.connectionIds ?? []).map((id) => ({
    value: id,
    label: names.data?.get(id) ?? id,
  }));
  const submit = form.onSubmit((values) => {
    const body: NewRule = {
      name: values.name,
      enabled: values.enabled,
      campaignId: values.campaignId ?? '',
      connectionIds: values.connectionIds,
      requireReview: values.requireReview,
      copy: { tone: values.tone, mode: values.mode },
      filter: toFilter(values),
    };
    save.mutate(body, {
      onSuccess: onSaved,
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        form.setErrors({
          name: fields.name ?? (Object.keys(fields).length ? undefined : error.message),
          campaignId: fields.campaignId,
          connectionIds: fields.connectionIds,
          tags: fields['filter.tags'],
          category: fields['filter.category'],
          currency: fields['filter.currency'],
          minPrice: fields['filter.minPriceMinor'],
          maxPrice: fields['filter.maxPriceMinor'],
          minMarginPercent: fields['filter.minMarginPercent'],
          minCommissionRate: fields['filter.minCommissionRate'],
        });
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <Fieldset legend="Which products">
          <Stack gap="sm">
            <TagsInput
              label="Tags"
              description="Any of these; press Enter after each. Leave empty for any tag."
              {...form.getInputProps('tags')}
            />
            <TextInput label="Category" {...form.getInputProps('category')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Currency"
                description="e.g. USD"
                maxLength={3}
                {...form.getInputProps('currency')}
              />
              <NumberInput
                label="Lowest price"
                min={0}
                decimalScale={2}
                {...form.getInputProps('minPrice')}
              />
              <NumberInput
                label="Highest price"
                min={0}
                decimalScale={2}
                {...form.getInputProps('maxPrice')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput
                label="Least margin (%)"
                description="Needs the product's cost"
                min={0}
                max={100}
                decimalScale={2}
                {...form.getInputProps('minMarginPercent')}
              />
              <NumberInput
                label="Least commission rate (%)"
                min={0}
                max={100}
                decimalScale={2}
                {...form.getInputProps('minCommissionRate')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend="Where and how">
          <Stack gap="sm">
            <Select
              label="Campaign"
              description="Each post takes the campaign's next free slot"
              required
              data={(campaigns.data ?? []).map((choice) => ({ value: choice.id, label: choice.name }))}
              nothingFoundMessage="No campaign yet; create one on the Campaigns page"
              {...form.getInputProps('campaignId')}
              onChange={(value) => {
                form.setFieldValue('campaignId', value);
                form.setFieldValue('connectionIds', []);
              }}
            />
            <MultiSelect
              label="Connections"
              description="Connections of the campaign; each gets copy written for its platform"
              required
              data={connectionChoices}
              disabled={!campaign}
              {...form.getInputProps('connectionIds')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Tone"
                data={TONES.map((tone) => ({ value: tone, label: tone[0].toUpperCase() + tone.slice(1) }))}
                allowDeselect={false}
                {...form.getInputProps('tone')}
              />
              <Select
                label="Writer"
                data={COPY_MODES}
                allowDeselect={false}
                {...form.getInputProps('mode')}
              />
            </SimpleGrid>
            <Checkbox
              label="Posts wait for approval on the Review page before they are scheduled"
              {...form.getInputProps('requireReview', { type: 'checkbox' })}
            />
            <Switch label="Enabled" {...form.getInputProps('enabled', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {rule ? 'Save rule' : 'Create rule'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
