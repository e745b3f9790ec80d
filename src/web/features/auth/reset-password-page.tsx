import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core'
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api } from '../../app/api.ts'
import { AuthLayout } from '../../app/auth-layout.tsx'
import { FormError } from '../../app/form-error.tsx'

export function ResetPasswordPage() {
  const [params] = useSearchParams()
  const token = params.get('token')
  const linkError = params.get('error')
  const [password, setPassword] = useState('')
  const mutation = useMutation({
    mutationFn: () =>
      api<unknown>('/auth/reset-password', { method: 'POST', body: { newPassword: password, token } }),
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }

  if (linkError || !token) {
    return (
      <AuthLayout
        title="This link can't be used"
        footer={
          <Anchor component={Link} to="/sign-in">
            Back to sign in
          </Anchor>
        }
      >
        <Stack gap="md">
          <Alert
            color="red"
            variant="light"
            icon={<IconLinkOff size={20} />}
            title="Invalid or expired link"
            role="alert"
          >
            This password reset link is invalid or has expired. Reset links work once and only for a short
            time.
          </Alert>
          <Button component={Link} to="/forgot-password" size="md" fullWidth>
            Send a new link
          </Button>
        </Stack>
      </AuthLayout>
    )
  }

  if (mutation.isSuccess) {
    return (
      <AuthLayout title="Password updated">
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} />} role="status">
            <Text fz="sm">Your new password is set. Sign in with it to carry on.</Text>
          </Alert>
          <Button component={Link} to="/sign-in" size="md" fullWidth>
            Go to sign in
          </Button>
        </Stack>
      </AuthLayout>
    )
  }

  const tooShort = password.length > 0 && password.length < 10
  return (
    <AuthLayout
      title="Set a new password"
      subtitle="Choose something long and memorable."
      footer={
        <Anchor component={Link} to="/sign-in">
          Back to sign in
        </Anchor>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={mutation.error} />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            description="At least 10 characters."
            required
            error={tooShort ? 'Use at least 10 characters for the password.' : undefined}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoFocus
          />
          <Button
            type="submit"
            size="md"
            fullWidth
            loading={mutation.isPending}
            disabled={password.length < 10}
          >
            Set new password
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  )
}
