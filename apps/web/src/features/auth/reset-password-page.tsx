import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { AuthCard } from '../../components/auth-card';
import { MissingLinkToken } from '../../components/missing-link-token';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { linkToken } from '../../lib/link-token';
import { useResetPassword } from './api';

/** Where the reset mail's link lands: a new password, then sign in again everywhere. */
export function ResetPasswordPage() {
  const reset = useResetPassword();
  const token = linkToken();
  const form = useForm<{ password: string }>({ initialValues: { password: '' } });
  const submit = form.onSubmit(({ password }) =>
    reset.mutate(
      { token: token ?? '', password },
      {
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldMessages());
        },
      },
    ),
  );
  if (reset.isSuccess) {
    return (
      <AuthCard title="Choose a new password">
        <Stack>
          <Alert color="teal.9" variant="outline" role="status" title="Password changed">
            Every device that was signed in to your account is signed out. Sign in with your new password.
          </Alert>
          <Text ta="center">
            <Anchor component={Link} to="/sign-in">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <form onSubmit={submit} noValidate>
        <Stack>
          {!token && <MissingLinkToken />}
          {reset.isError && !(reset.error instanceof ApiError && reset.error.fields.length > 0) && (
            <Alert color="red" role="alert">
              {messageOf(reset.error)}{' '}
              <Anchor component={Link} to="/forgot-password">
                Ask for a new link
              </Anchor>
            </Alert>
          )}
          <PasswordInput
            label="New password"
            description="At least 10 characters, not a common password"
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={reset.isPending} disabled={!token}>
            Set the new password
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
