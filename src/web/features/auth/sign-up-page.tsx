import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError } from '../../app/api.ts'
import { createWorkspace, safeNext, signUp } from '../../app/auth.ts'
import { AuthLayout } from '../../app/auth-layout.tsx'
import { FormError } from '../../app/form-error.tsx'
import { notifyError } from '../../app/notify.ts'

export function SignUpPage() {
  const [params] = useSearchParams()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [workspaceName, setWorkspaceName] = useState('')
  const [accountCreated, setAccountCreated] = useState(false)

  const mutation = useMutation({
    mutationFn: async () => {
      // a retry after the workspace step failed must not try to create the account again
      if (!accountCreated) {
        await signUp({ name: name.trim(), email: email.trim(), password })
        setAccountCreated(true)
      }
      return createWorkspace(workspaceName.trim())
    },
    onSuccess: async (ws) => {
      await qc.invalidateQueries({ queryKey: ['me'] })
      const next = params.get('next')
      navigate(next ? safeNext(next) : `/w/${ws.slug}`, { replace: true })
    },
    onError: (e) => {
      if (accountCreated && e instanceof ApiError && e.status === 401) {
        notifyError(e)
        navigate('/sign-in', { replace: true })
      }
    },
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }

  const tooShort = password.length > 0 && password.length < 10

  return (
    <AuthLayout
      title="Start dazzling your customers"
      subtitle="Create your account and a workspace for your team."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={mutation.error} />
          <TextInput
            label="Name"
            autoComplete="name"
            placeholder="Ada Lovelace"
            required
            disabled={accountCreated}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            autoFocus
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            placeholder="you@company.com"
            required
            disabled={accountCreated}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            description="At least 10 characters."
            required
            disabled={accountCreated}
            error={tooShort ? 'Use at least 10 characters for the password.' : undefined}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <TextInput
            label="Workspace name"
            placeholder="Acme Wines"
            description="Usually your company or team. You can create more later."
            required
            value={workspaceName}
            onChange={(e) => setWorkspaceName(e.currentTarget.value)}
          />
          <Button
            type="submit"
            size="md"
            fullWidth
            loading={mutation.isPending}
            disabled={
              !name.trim() || !email.trim() || password.length < 10 || workspaceName.trim().length < 2
            }
          >
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  )
}
