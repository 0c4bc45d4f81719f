import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { GuardedButton } from '../../components/guarded-button';
import { ApiError } from '../../lib/api/api-error';
import { type Post, type PostTarget, useMarkPublished, useRejectPost } from '../../lib/posts';

/** "Reject" with a reason the author reads on the post. */
export function RejectButton({ post, label }: { post: Post; label: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const reject = useRejectPost();
  const form = useForm({
    initialValues: { note: '' },
    validate: { note: (note) => (note.trim() ? null : 'Say why, so the author can fix it') },
  });
  const submit = form.onSubmit(({ note }) =>
    reject.mutate(
      { id: post.id, note: note.trim() },
      {
        onSuccess: () => {
          form.reset();
          close();
        },
        onError: (error) =>
          form.setErrors(error instanceof ApiError ? { note: error.message, ...error.fieldMessages() } : {}),
      },
    ),
  );
  return (
    <>
      <GuardedButton
        requires="write"
        variant="default"
        color="red"
        onClick={open}
        aria-label={`Reject ${label}`}
      >
        Reject
      </GuardedButton>
      <Modal opened={opened} onClose={close} title="Reject this post">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Textarea
              label="Reason"
              required
              autosize
              minRows={3}
              data-autofocus
              {...form.getInputProps('note')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Keep it
              </Button>
              <Button type="submit" color="red" loading={reject.isPending}>
                Reject post
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** "It was published": the person pastes the address of the post they found (or posted by hand). */
export function MarkPublishedButton({
  post,
  target,
  label,
}: {
  post: Post;
  target: PostTarget;
  label: string;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const mark = useMarkPublished();
  const form = useForm({
    initialValues: { url: '' },
    validate: {
      url: (url) => (/^https?:\/\/\S+$/.test(url.trim()) ? null : 'Paste the http(s) address of the post'),
    },
  });
  const submit = form.onSubmit(({ url }) =>
    mark.mutate(
      { id: post.id, targetId: target.id, url: url.trim() },
      {
        onSuccess: () => {
          form.reset();
          close();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldMessages() : {};
          form.setErrors({ url: fields.url ?? (error instanceof Error ? error.message : 'It did not work') });
        },
      },
    ),
  );
  return (
    <>
      <GuardedButton
        requires="write"
        variant="default"
        onClick={open}
        aria-label={`It was published: ${label}`}
      >
        It was published
      </GuardedButton>
      <Modal opened={opened} onClose={close} title="Where was it published?">
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label="Address of the published post"
              placeholder="https://"
              type="url"
              required
              data-autofocus
              {...form.getInputProps('url')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Not yet
              </Button>
              <Button type="submit" loading={mark.isPending}>
                Mark as published
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
