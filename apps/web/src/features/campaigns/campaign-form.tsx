import { Button, Checkbox, Group, MultiSelect, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { ApiError } from '../../lib/api/api-error';
import { type Campaign, type NewCampaign, type Weekday, useConnectionChoices, useSaveCampaign } from './api';
import { WEEKDAYS } from './schedule';

const TIME_SUGGESTIONS = ['08:00', '09:00', '12:00', '13:00', '17:00', '18:00', '19:00', '20:00', '21:00'];

interface Values {
  name: string;
  tags: string[];
  connectionIds: string[];
  days: Weekday[];
  times: string[];
  timezone: string;
}

/** Creates a campaign, or edits one (changes apply to posts added from now on). */
export function CampaignForm({
  campaign,
  onSaved,
}: {
  campaign?: Campaign;
  onSaved: (saved: Campaign) => void;
}) {
  const save = useSaveCampaign(campaign?.id);
  const connections = useConnectionChoices();
  const form = useForm<Values>({
    initialValues: {
      name: campaign?.name ?? '',
      tags: campaign?.tags ?? [],
      connectionIds: campaign?.connectionIds ?? [],
      days: campaign?.schedule.days ?? ['mon', 'wed', 'fri'],
      times: campaign?.schedule.times ?? ['09:00'],
      timezone: campaign?.schedule.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  });
  const submit = form.onSubmit(({ name, tags, connectionIds, days, times, timezone }) => {
    const body: NewCampaign = { name, tags, connectionIds, schedule: { days, times, timezone } };
    save.mutate(body, {
      onSuccess: onSaved,
      onError: (error) => {
        const fields = error instanceof ApiError ? error.fieldMessages() : {};
        form.setErrors({
          name: fields.name ?? (Object.keys(fields).length ? undefined : error.message),
          tags: fields.tags,
          connectionIds: fields.connectionIds,
          days: fields['schedule.days'],
          times: fields['schedule.times'],
          timezone: fields['schedule.timezone'] ?? fields.schedule,
        });
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <MultiSelect
          label="Connections"
          description="Where the campaign's posts go"
          required
          searchable
          data={connections.data ?? []}
          nothingFoundMessage="No connection by that name; add one on the Connections page"
          {...form.getInputProps('connectionIds')}
        />
        <Checkbox.Group label="Days" required {...form.getInputProps('days')}>
          <Group gap="sm" mt={6}>
            {WEEKDAYS.map((day) => (
              <Checkbox key={day.value} value={day.value} label={day.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <TagsInput
          label="Times of day"
          description="24-hour HH:MM; press Enter after each"
          required
          data={TIME_SUGGESTIONS}
          {...form.getInputProps('times')}
        />
        <TimeZoneSelect label="Time zone" required {...form.getInputProps('timezone')} />
        <TagsInput
          label="Tags"
          description="To find the campaign's posts later"
          {...form.getInputProps('tags')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {campaign ? 'Save campaign' : 'Create campaign'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
