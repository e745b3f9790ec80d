import { Stack, Text } from '@mantine/core'
import { IconMailCheck } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { api } from '../../app/api.ts'
import { AuthLayout, BackToSignIn } from '../../app/auth-layout.tsx'
import { Notice } from '../../ui/notice.tsx'
import { AuthForm, EmailField } from './auth-form.tsx'

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('')
  const mutation = useMutation({
    mutationFn: (address: string) =>
      api<unknown>('/auth/request-password-reset', {
        method: 'POST',
        body: { email: address, redirectTo: `${window.location.origin}/reset-password` },
      }),
  })

  return (
    <AuthLayout
      title="Forgot your password?"
      subtitle="It happens. We'll email you a link to set a new one."
      footer={<BackToSignIn />}
    >
      {mutation.isSuccess ? (
        <Notice tone="success" icon={<IconMailCheck size={20} />} title="Check your inbox">
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
        </Notice>
      ) : (
        <AuthForm
          onSubmit={() => mutation.mutate(email.trim())}
          error={mutation.error}
          submitLabel="Send reset link"
          pending={mutation.isPending}
          submitDisabled={!email.trim()}
        >
          <EmailField value={email} onChange={setEmail} autoFocus />
        </AuthForm>
      )}
    </AuthLayout>
  )
}
