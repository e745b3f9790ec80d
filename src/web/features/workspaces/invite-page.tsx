import {
  Anchor,
  Avatar,
  Badge,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconCircleCheck, IconClockX, IconLinkOff } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, api } from '../../app/api.ts'
import { signIn, signUp, useMe, useSignOut } from '../../app/auth.ts'
import { AuthLayout, GoToDazzle } from '../../app/auth-layout.tsx'
import { FormError } from '../../app/form-error.tsx'
import { formatDate, initials } from '../../app/format.ts'
import { ROLE_COLORS, ROLE_JOBS, ROLE_LABELS, type Role } from '../../app/roles.ts'
import type { InvitationPreview, Me, Membership } from '../../app/types.ts'
import { Notice, type NoticeTone } from '../../ui/notice.tsx'
import { AuthForm, EmailField, PasswordField } from '../auth/auth-form.tsx'
import { NewPasswordField, PersonNameField, passwordProblem } from '../auth/new-account-fields.tsx'

export function InvitePage() {
  const { token = '' } = useParams()
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`),
  })
  const me = useMe()
  // owned here so that its error survives the switch from the sign-in form to the signed-in view
  const accept = useAccept(token)

  if (preview.isPending || me.isPending) {
    return (
      <AuthLayout title="Opening your invitation…">
        <Center py="lg">
          <Loader />
        </Center>
      </AuthLayout>
    )
  }
  if (preview.isError) {
    const notFound = preview.error instanceof ApiError && preview.error.status === 404
    return (
      <AuthLayout title="This invitation can't be used" footer={<GoToDazzle />}>
        <Notice tone="error" icon={<IconLinkOff size={20} />}>
          {notFound
            ? 'This invitation link is not valid: ask the person who invited you for a new one.'
            : preview.error.message}
        </Notice>
      </AuthLayout>
    )
  }

  const inv = preview.data
  const headline = (
    <>
      {inv.invitedByName ?? 'Someone'} invited you to {inv.workspace.name} as {ROLE_LABELS[inv.role]}
    </>
  )

  if (inv.status !== 'pending') {
    return (
      <AuthLayout title={headline} footer={<GoToDazzle />}>
        <InvitationClosed preview={inv} memberOf={me.data?.workspaces ?? []} />
      </AuthLayout>
    )
  }

  return (
    <AuthLayout title={headline} subtitle={<InviteSummary preview={inv} />} compactTitle>
      <RoleNote role={inv.role} />
      {me.data ? (
        <AcceptAsSignedIn token={token} preview={inv} me={me.data} accept={accept} />
      ) : inv.accountExists ? (
        <SignInThenAccept preview={inv} accept={accept} />
      ) : (
        <SignUpThenAccept token={token} preview={inv} accept={accept} />
      )}
    </AuthLayout>
  )
}

function InviteSummary({ preview }: { preview: InvitationPreview }) {
  return (
    <>
      For {preview.email} · valid until {formatDate(preview.expiresAt)}
    </>
  )
}

/** What the invitee will do in Dazzle, so that "as Marketing" means something before they join. */
function RoleNote({ role }: { role: Role }) {
  return (
    <Paper
      p="sm"
      mb="lg"
      radius="md"
      style={{ background: 'light-dark(var(--mantine-color-violet-0), rgba(132, 94, 247, 0.1))' }}
    >
      <Badge color={ROLE_COLORS[role]} variant="light" mb={6}>
        {ROLE_LABELS[role]}
      </Badge>
      <Text fz="sm">{ROLE_JOBS[role]}</Text>
    </Paper>
  )
}

function InvitationClosed({ preview, memberOf }: { preview: InvitationPreview; memberOf: Membership[] }) {
  const member = memberOf.find((w) => w.slug === preview.workspace.slug)
  const by = preview.invitedByName ?? 'the person who invited you'
  const content: Record<
    Exclude<InvitationPreview['status'], 'pending'>,
    { icon: ReactNode; tone: NoticeTone; text: string }
  > = {
    accepted: {
      icon: <IconCircleCheck size={20} />,
      tone: 'success',
      text: 'This invitation has already been accepted. Each invitation link works once.',
    },
    revoked: {
      icon: <IconLinkOff size={20} />,
      tone: 'error',
      text: `This invitation was revoked. If you still need access, ask ${by} for a new one.`,
    },
    expired: {
      icon: <IconClockX size={20} />,
      tone: 'warning',
      text: `This invitation expired on ${formatDate(preview.expiresAt)}. Ask ${by} to send a new one.`,
    },
  }
  const c = content[preview.status as Exclude<InvitationPreview['status'], 'pending'>]
  return (
    <Stack gap="md">
      <Notice tone={c.tone} icon={c.icon}>
        {c.text}
      </Notice>
      {member && (
        <Button component={Link} to={`/w/${member.slug}`} size="md" fullWidth>
          Open {member.name}
        </Button>
      )}
    </Stack>
  )
}

const useAccept = (token: string) => {
  const qc = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: () =>
      api<Membership>(`/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body: {} }),
    onSuccess: async (ws) => {
      await qc.invalidateQueries({ queryKey: ['me'] })
      navigate(`/w/${ws.slug}`, { replace: true })
    },
    onError: () => {
      qc.invalidateQueries({ queryKey: ['me'] })
      qc.invalidateQueries({ queryKey: ['invitation', token] })
    },
  })
}

type Accept = ReturnType<typeof useAccept>

function AcceptAsSignedIn({
  token,
  preview,
  me,
  accept,
}: {
  token: string
  preview: InvitationPreview
  me: Me
  accept: Accept
}) {
  const signOut = useSignOut()
  const navigate = useNavigate()
  const already = me.workspaces.find((w) => w.slug === preview.workspace.slug)
  const otherAccount = me.user.email.toLowerCase() !== preview.email.toLowerCase()

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="nowrap">
        <Avatar color="violet" radius="xl">
          {initials(me.user.name)}
        </Avatar>
        <div>
          <Text fz="sm" fw={600}>
            {me.user.name}
          </Text>
          <Text fz="xs" c="dimmed">
            Signed in as {me.user.email}
          </Text>
        </div>
      </Group>
      {otherAccount && (
        <Notice tone="warning" title="A different account">
          This invitation was sent to {preview.email}. Sign out and continue as that person, or ask for an
          invitation to {me.user.email}.
        </Notice>
      )}
      <FormError error={accept.error} />
      {already ? (
        <Button component={Link} to={`/w/${already.slug}`} size="md" fullWidth>
          You're already in {already.name}: open it
        </Button>
      ) : (
        <Button size="md" fullWidth loading={accept.isPending} onClick={() => accept.mutate()}>
          Accept invitation
        </Button>
      )}
      <Divider />
      <Text fz="sm" c="dimmed" ta="center">
        Not you?{' '}
        <Anchor
          component="button"
          type="button"
          fz="sm"
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => navigate(`/invite/${token}`, { replace: true }) })
          }
        >
          Sign out
        </Anchor>
      </Text>
    </Stack>
  )
}

function SignInThenAccept({ preview, accept }: { preview: InvitationPreview; accept: Accept }) {
  const [email, setEmail] = useState(preview.email)
  const [password, setPassword] = useState('')
  const signInMutation = useMutation({
    mutationFn: signIn,
    onSuccess: () => accept.mutate(),
  })
  return (
    <AuthForm
      onSubmit={() => signInMutation.mutate({ email: email.trim(), password })}
      error={signInMutation.error ?? accept.error}
      submitLabel="Sign in"
      pending={signInMutation.isPending || accept.isPending}
      submitDisabled={!email.trim() || !password}
      intro={<>You already have a Dazzle account: sign in to join {preview.workspace.name}.</>}
      note={<>You'll join {preview.workspace.name} as soon as you're signed in.</>}
    >
      <EmailField placeholder={undefined} value={email} onChange={setEmail} />
      <PasswordField value={password} onChange={setPassword} autoFocus />
    </AuthForm>
  )
}

function SignUpThenAccept({
  token,
  preview,
  accept,
}: {
  token: string
  preview: InvitationPreview
  accept: Accept
}) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const signUpMutation = useMutation({
    mutationFn: signUp,
    onSuccess: () => accept.mutate(),
  })
  return (
    <AuthForm
      onSubmit={() => signUpMutation.mutate({ name: name.trim(), email: preview.email, password })}
      error={signUpMutation.error ?? accept.error}
      submitLabel="Create account"
      pending={signUpMutation.isPending || accept.isPending}
      submitDisabled={!name.trim() || !!passwordProblem(password)}
      intro={<>Create your Dazzle account to join {preview.workspace.name}.</>}
      note={
        <>
          Already use Dazzle with another email?{' '}
          <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(`/invite/${token}`)}`} fz="xs">
            Sign in
          </Anchor>
        </>
      }
    >
      <PersonNameField placeholder="Your full name" value={name} onChange={setName} autoFocus />
      <TextInput
        label="Email"
        type="email"
        value={preview.email}
        readOnly
        description="The invitation is for this address."
        variant="filled"
      />
      <NewPasswordField value={password} onChange={setPassword} />
    </AuthForm>
  )
}
