import { Anchor } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { safeNext, signIn, useMe } from '../../app/auth.ts'
import { AuthLayout } from '../../app/auth-layout.tsx'
import { AuthForm, EmailField, PasswordField } from './auth-form.tsx'

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
      <AuthForm
        onSubmit={() => mutation.mutate({ email: email.trim(), password })}
        error={mutation.error}
        submitLabel="Sign in"
        pending={mutation.isPending}
        submitDisabled={!email || !password}
      >
        <EmailField value={email} onChange={setEmail} data-autofocus autoFocus />
        <PasswordField value={password} onChange={setPassword} />
      </AuthForm>
    </AuthLayout>
  )
}
