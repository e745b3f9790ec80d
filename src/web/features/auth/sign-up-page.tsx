import { Anchor } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError } from '../../app/api.ts'
import { createWorkspace, safeNext, signUp } from '../../app/auth.ts'
import { AuthLayout } from '../../app/auth-layout.tsx'
import { notifyError } from '../../app/notify.ts'
import { AuthForm, EmailField } from './auth-form.tsx'
import {
  NewPasswordField,
  PersonNameField,
  passwordProblem,
  WorkspaceNameField,
  workspaceNameOk,
} from './new-account-fields.tsx'

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
      <AuthForm
        onSubmit={() => mutation.mutate()}
        error={mutation.error}
        submitLabel="Create account"
        pending={mutation.isPending}
        submitDisabled={
          !name.trim() || !email.trim() || !!passwordProblem(password) || !workspaceNameOk(workspaceName)
        }
      >
        <PersonNameField
          placeholder="Ada Lovelace"
          disabled={accountCreated}
          value={name}
          onChange={setName}
          autoFocus
        />
        <EmailField value={email} onChange={setEmail} disabled={accountCreated} />
        <NewPasswordField value={password} onChange={setPassword} disabled={accountCreated} />
        <WorkspaceNameField
          description="Usually your company or team. You can create more later."
          value={workspaceName}
          onChange={setWorkspaceName}
        />
      </AuthForm>
    </AuthLayout>
  )
}
