import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { safeNext, signIn, useMe } from '../../app/auth.ts'
import { AuthLayout } from '../../app/auth-layout.tsx'
import { FormError } from '../../app/form-error.tsx'

export function SignInPage() {
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const me = useMe()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [email, setEmail] = useState(params.get('email') ?? '')
  const [password, setPassword] = useState('')
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['me'] })
      navigate(next, { replace: true })
    },
  })

  if (me.data && !mutation.isPending && !mutation.isSuccess) return <Navigate to={next} replace />

  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate({ email: email.trim(), password })
  }

  return (
    <AuthLayout
      title="Welcome back"
      subtitle="Sign in to see what your customers are dreaming of."
      footer={
        <>
          New to Dazzle?{' '}
          <Anchor
            component={Link}
            to={`/sign-up${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}
          >
            Create an account
          </Anchor>
        </>
      }
    >
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
            data-autofocus
            autoFocus
          />
          <Stack gap={6}>
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Anchor component={Link} to="/forgot-password" fz="sm">
                Forgot password?
              </Anchor>
            </Group>
          </Stack>
          <Button
            type="submit"
            size="md"
            fullWidth
            loading={mutation.isPending}
            disabled={!email || !password}
          >
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  )
}
