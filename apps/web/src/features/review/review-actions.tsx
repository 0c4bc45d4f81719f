import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { GuardedButton } from '../../components/guarded-button';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { type Post, type PostTarget, useMarkPublished, useRejectPost } from '../../lib/posts';

/** "Reject" with a reason the author reads on the post. */
export function RejectButton({ post, label }: { post: Post; label: string }) {
  const reject = useRejectPost();
  return (
    <PromptButton
      button={{ text: 'Reject', name: `Reject ${label}`, color: 'red' }}
      title="Reject this post"
      field={{ label: 'Reason', isLong: true }}
      validate={(note) => (note ? null : 'Say why, so the author can fix it')}
      submit={{ text: 'Reject post', color: 'red' }}
      cancelText="Keep it"
      isPending={reject.isPending}
      run={(note) => reject.mutateAsync({ id: post.id, note })}
    />
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
  const mark = useMarkPublished();
  return (
    <PromptButton
      button={{ text: 'It was published', name: `It was published: ${label}` }}
      title="Where was it published?"
      field={{ label: 'Address of the published post', placeholder: 'https://' }}
      validate={(url) => (/^https?:\/\/\S+$/.test(url) ? null : 'Paste the http(s) address of the post')}
      submit={{ text: 'Mark as published' }}
      cancelText="Not yet"
      isPending={mark.isPending}
      run={(url) => mark.mutateAsync({ id: post.id, targetId: target.id, url })}
    />
  );
}

/** A button that asks for one value in a dialog, and shows the server's refusal at the field. */
function PromptButton(props: {
  button: { text: string; name: string; color?: string };
  title: string;
  field: { label: string; isLong?: boolean; placeholder?: string };
  validate: (value: string) => string | null;
  submit: { text: string; color?: string };
  cancelText: string;
  isPending: boolean;
  run: (value: string) => Promise<unknown>;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const form = useForm({
    initialValues: { value: '' },
    validate: { value: (value) => props.validate(value.trim()) },
  });
  const submit = form.onSubmit(({ value }) =>
    props.run(value.trim()).then(
      () => {
        form.reset();
        close();
      },
      (error: unknown) => {
        const fields = error instanceof ApiError ? Object.values(error.fieldMessages()) : [];
        form.setErrors({ value: fields[0] ?? messageOf(error) });
      },
    ),
  );
  const input = {
    label: props.field.label,
    required: true,
    'data-autofocus': true,
    ...form.getInputProps('value'),
  };
  return (
    <>
      <GuardedButton
        requires="write"
        variant="default"
        color={props.button.color}
        onClick={open}
        aria-label={props.button.name}
      >
        {props.button.text}
      </GuardedButton>
      <Modal opened={opened} onClose={close} title={props.title}>
        <form onSubmit={submit} noValidate>
          <Stack>
            {props.field.isLong ? (
              <Textarea autosize minRows={3} {...input} />
            ) : (
              <TextInput type="url" placeholder={props.field.placeholder} {...input} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {props.cancelText}
              </Button>
              <Button type="submit" color={props.submit.color} loading={props.isPending}>
                {props.submit.text}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
