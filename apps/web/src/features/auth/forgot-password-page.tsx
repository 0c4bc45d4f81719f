import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { AuthCard } from '../../components/auth-card';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { useRequestPasswordReset } from './api';

export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const form = useForm<{ email: string }>({ initialValues: { email: '' } });
  const submit = form.onSubmit((values) =>
    request.mutate(values, {
      onError: (error) => {
        if (error instanceof ApiError) form.setErrors(error.fieldMessages());
      },
    }),
  );
  return (
    <AuthCard title="Reset your password">
      {request.isSuccess ? (
        <Stack>
          <Alert color="teal.9" variant="outline" role="status" title="Check your mail">
            If {form.values.email} has a Shopcast account, we mailed it a link to choose a new password. The
            link works once, for an hour.
          </Alert>
          <Text ta="center">
            <Anchor component={Link} to="/sign-in">
              Back to sign in
            </Anchor>
          </Text>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {request.isError && !(request.error instanceof ApiError && request.error.fields.length > 0) && (
              <Alert color="red" role="alert">
                {messageOf(request.error)}
              </Alert>
            )}
            <Text size="sm">
              Enter the address you sign in with; we mail it a link to choose a new password.
            </Text>
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending}>
              Mail me a link
            </Button>
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/sign-in">
                Back to sign in
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
