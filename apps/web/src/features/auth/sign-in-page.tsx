import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useRouter } from '@tanstack/react-router';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { type SignInInput, useSignIn } from './api';
import { AuthCard } from '../../components/auth-card';

export function SignInPage({ redirectTo }: { redirectTo?: string }) {
  const signIn = useSignIn();
  const router = useRouter();
  const form = useForm<SignInInput>({ initialValues: { email: '', password: '' } });

  const submit = form.onSubmit((values) =>
    signIn.mutate(values, {
      // Back to where the person was sent from (a path of this app, checked by the route).
      onSuccess: () => router.history.push(redirectTo ?? '/'),
      onError: (error) => {
        if (error instanceof ApiError) form.setErrors(error.fieldMessages());
      },
    }),
  );

  return (
    <AuthCard title="Sign in to Shopcast">
      <form onSubmit={submit} noValidate>
        <Stack>
          {signIn.isError && (
            <Alert color="red" role="alert">
              {messageOf(signIn.error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending}>
            Sign in
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/forgot-password">
              Forgot your password?
            </Anchor>
          </Text>
          <Text size="sm" ta="center">
            New to Shopcast?{' '}
            <Anchor component={Link} to="/sign-up">
              Create an account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
