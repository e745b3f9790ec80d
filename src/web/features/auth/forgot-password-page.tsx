import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core'
import { IconMailCheck } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { api } from '../../app/api.ts'
import { AuthLayout } from '../../app/auth-layout.tsx'
import { FormError } from '../../app/form-error.tsx'

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('')
  const mutation = useMutation({
    mutationFn: (address: string) =>
      api<unknown>('/auth/request-password-reset', {
        method: 'POST',
        body: { email: address, redirectTo: `${window.location.origin}/reset-password` },
      }),
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate(email.trim())
  }

  return (
    <AuthLayout
      title="Forgot your password?"
      subtitle="It happens. We'll email you a link to set a new one."
      footer={
        <Anchor component={Link} to="/sign-in">
          Back to sign in
        </Anchor>
      }
    >
      {mutation.isSuccess ? (
        <Alert
          color="teal"
          variant="light"
          icon={<IconMailCheck size={20} />}
          title="Check your inbox"
          role="status"
        >
          <Stack gap="xs">
            <Text fz="sm">
              If an account exists for <strong>{mutation.variables}</strong>, we've sent it a link to reset
              the password. The link works once and expires soon.
            </Text>
            <Text fz="sm" c="dimmed">
              Nothing arrived? Check your spam folder, or ask your workspace admin whether this server can
              send email.
            </Text>
          </Stack>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <FormError error={mutation.error} />
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              placeholder="you@company.com"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoFocus
            />
            <Button type="submit" size="md" fullWidth loading={mutation.isPending} disabled={!email.trim()}>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  )
}
