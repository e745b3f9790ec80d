import { Anchor } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, Navigate, useNavigate } from 'react-router'
import { createWorkspace, useMe, useSignOut } from '../../app/auth.ts'
import { AuthLayout, FullPageLoader } from '../../app/auth-layout.tsx'
import { AuthForm } from '../auth/auth-form.tsx'
import { WorkspaceNameField, workspaceNameOk } from '../auth/new-account-fields.tsx'

export function NewWorkspacePage() {
  const me = useMe()
  const qc = useQueryClient()
  const navigate = useNavigate()
  const [name, setName] = useState('')
  const signOut = useSignOut()
  const mutation = useMutation({
    mutationFn: createWorkspace,
    onSuccess: async (ws) => {
      await qc.invalidateQueries({ queryKey: ['me'] })
      navigate(`/w/${ws.slug}`)
    },
  })

  if (me.isPending) return <FullPageLoader />
  if (!me.data) return <Navigate to="/sign-in?next=%2Fnew-workspace" replace />

  const first = me.data.workspaces[0]
  return (
    <AuthLayout
      title={first ? 'Create another workspace' : 'Create your workspace'}
      subtitle="A workspace holds your customers, their secrets and your recoveries. Invite your team once it exists."
      footer={
        first ? (
          <Anchor component={Link} to={`/w/${first.slug}`}>
            Back to {first.name}
          </Anchor>
        ) : (
          <>
            Signed in as {me.data.user.email}. Joining a colleague's workspace instead? Open the invitation
            link they sent you, or{' '}
            <Anchor
              component="button"
              type="button"
              fz="sm"
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in') })}
            >
              sign out
            </Anchor>
            .
          </>
        )
      }
    >
      <AuthForm
        onSubmit={() => mutation.mutate(name.trim())}
        error={mutation.error}
        submitLabel="Create workspace"
        pending={mutation.isPending}
        submitDisabled={!workspaceNameOk(name)}
      >
        <WorkspaceNameField
          description="Usually your company or team."
          value={name}
          onChange={setName}
          autoFocus
        />
      </AuthForm>
    </AuthLayout>
  )
}
