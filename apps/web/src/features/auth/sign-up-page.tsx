import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useNavigate } from '@tanstack/react-router';
import { ApiError, messageOf } from '../../lib/api/api-error';
import { type SignUpInput, useSignUp } from './api';
import { AuthCard } from '../../components/auth-card';

export function SignUpPage() {
  const signUp = useSignUp();
  const navigate = useNavigate();
  const form = useForm<SignUpInput>({
    initialValues: { name: '', email: '', password: '', workspaceName: '' },
  });

  const submit = form.onSubmit(({ workspaceName, ...values }) =>
    signUp.mutate(
      { ...values, workspaceName: workspaceName?.trim() || undefined },
      {
        onSuccess: () => void navigate({ to: '/' }),
        onError: (error) => {
          if (error instanceof ApiError) form.setErrors(error.fieldMessages());
        },
      },
    ),
  );

  return (
    <AuthCard title="Create your Shopcast account">
      <form onSubmit={submit} noValidate>
        <Stack>
          {signUp.isError && !(signUp.error instanceof ApiError && signUp.error.fields.length > 0) && (
            <Alert color="red" role="alert">
              {messageOf(signUp.error)}
            </Alert>
          )}
          <TextInput label="Your name" autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters, not a common password"
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <TextInput
            label="Workspace name"
            description="Optional; you can rename it later"
            {...form.getInputProps('workspaceName')}
          />
          <Button type="submit" loading={signUp.isPending}>
            Create account
          </Button>
          <Text size="sm" ta="center">
            Already have an account?{' '}
            <Anchor component={Link} to="/sign-in">
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
