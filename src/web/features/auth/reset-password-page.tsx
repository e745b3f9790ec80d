import { Button, Stack, Text } from '@mantine/core'
import { IconLinkOff } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api } from '../../app/api.ts'
import { AuthLayout, BackToSignIn } from '../../app/auth-layout.tsx'
import { Notice } from '../../ui/notice.tsx'
import { AuthForm } from './auth-form.tsx'
import { NewPasswordField, passwordProblem } from './new-account-fields.tsx'

export function ResetPasswordPage() {
  const [params] = useSearchParams()
  const token = params.get('token')
  const linkError = params.get('error')
  const [password, setPassword] = useState('')
  const mutation = useMutation({
    mutationFn: () =>
      api<unknown>('/auth/reset-password', { method: 'POST', body: { newPassword: password, token } }),
  })

  if (linkError || !token) {
    return (
      <AuthLayout title="This link can't be used" footer={<BackToSignIn />}>
        <Stack gap="md">
          <Notice tone="error" icon={<IconLinkOff size={20} />} title="Invalid or expired link">
            This password reset link is invalid or has expired. Reset links work once and only for a short
            time.
          </Notice>
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
          <Notice tone="success">
            <Text fz="sm">Your new password is set. Sign in with it to carry on.</Text>
          </Notice>
          <Button component={Link} to="/sign-in" size="md" fullWidth>
            Go to sign in
          </Button>
        </Stack>
      </AuthLayout>
    )
  }

  return (
    <AuthLayout
      title="Set a new password"
      subtitle="Choose something long and memorable."
      footer={<BackToSignIn />}
    >
      <AuthForm
        onSubmit={() => mutation.mutate()}
        error={mutation.error}
        submitLabel="Set new password"
        pending={mutation.isPending}
        submitDisabled={!!passwordProblem(password)}
      >
        <NewPasswordField label="New password" value={password} onChange={setPassword} autoFocus />
      </AuthForm>
    </AuthLayout>
  )
}
