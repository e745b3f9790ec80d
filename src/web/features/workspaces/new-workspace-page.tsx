import { Anchor, Button, Center, Loader, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, Navigate, useNavigate } from 'react-router'
import { createWorkspace, useMe, useSignOut } from '../../app/auth.ts'
import { AuthLayout } from '../../app/auth-layout.tsx'
import { FormError } from '../../app/form-error.tsx'

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

  if (me.isPending)
    return (
      <Center mih="100dvh">
        <Loader />
      </Center>
    )
  if (!me.data) return <Navigate to="/sign-in?next=%2Fnew-workspace" replace />

  const first = me.data.workspaces[0]
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate(name.trim())
  }
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
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={mutation.error} />
          <TextInput
            label="Workspace name"
            placeholder="Acme Wines"
            description="Usually your company or team."
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            autoFocus
          />
          <Button
            type="submit"
            size="md"
            fullWidth
            loading={mutation.isPending}
            disabled={name.trim().length < 2}
          >
            Create workspace
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  )
}
