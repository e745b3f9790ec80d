import { Alert, Button, Paper, Stack, Text, Textarea, Title, UnstyledButton } from '@mantine/core'
import type { CSSProperties, FormEvent, ReactNode } from 'react'
import { errorMessage } from '../app/api.ts'

/**
 * The form of a page a customer answers from a link (feedback, report card): a large question on
 * top, the questions, an optional comment, what is still open, why the last send failed, and one
 * thumb-sized send button. Made for a phone: every part is full width.
 */
export function AnswerForm({
  title,
  titleSize = { base: 30, sm: 38 },
  intro,
  onSubmit,
  comment,
  problems,
  error,
  pending,
  submitLabel,
  children,
}: {
  title: ReactNode
  titleSize?: { base: number; sm: number }
  /** the sentence under the title (a `Text`) */
  intro: ReactNode
  onSubmit: (e: FormEvent) => void
  /** the optional comment at the foot */
  comment: { label: string; max: number; value: string; onChange: (value: string) => void }
  /** what stops the send, after a try (alerts) */
  problems?: ReactNode
  /** the last send's error */
  error: unknown
  pending: boolean
  submitLabel: string
  /** the questions */
  children: ReactNode
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <Stack gap={6} ta="center" mt="md">
          <Title order={1} fz={titleSize} lh={1.15}>
            {title}
          </Title>
          {intro}
        </Stack>

        {children}

        <Paper withBorder p="md" radius="lg">
          <Textarea
            label={comment.label}
            description="Optional."
            autosize
            minRows={3}
            maxLength={comment.max}
            value={comment.value}
            onChange={(e) => comment.onChange(e.currentTarget.value)}
          />
        </Paper>

        {problems}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <Button type="submit" size="xl" radius="xl" loading={pending} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  )
}

/**
 * One question of an `AnswerForm`: its title (`${id}-title`, for the radio group's label), a hint
 * (`${id}-hint`), the choices, and, after a try, what is missing, the card's border red.
 */
export function AnswerQuestion({
  id,
  title,
  hint,
  error,
  children,
}: {
  id: string
  title: ReactNode
  hint?: string | null
  error: string | null
  children: ReactNode
}) {
  return (
    <Paper
      withBorder
      p="md"
      radius="lg"
      style={error ? { borderColor: 'var(--mantine-color-red-filled)' } : undefined}
    >
      <Text fw={700} fz="lg" mb={hint ? undefined : 'sm'} id={`${id}-title`}>
        {title}
      </Text>
      {hint && (
        <Text fz="sm" mt={2} mb="sm" id={`${id}-hint`}>
          {hint}
        </Text>
      )}
      {children}
      {error && (
        <Text c="red.8" fz="sm" mt="xs" role="alert">
          {error}
        </Text>
      )}
    </Paper>
  )
}

/**
 * A choice of a radio group on an answer page, in `color` when chosen (`.dazzle-choice`, styled by
 * the public page's stylesheet); what it shows is its children.
 */
export function ChoiceButton({
  checked,
  color,
  onClick,
  label,
  style,
  children,
}: {
  checked: boolean
  color: string
  onClick: () => void
  /** its accessible name, when the children do not say it all */
  label?: string
  style?: CSSProperties
  children: ReactNode
}) {
  return (
    <UnstyledButton
      role="radio"
      aria-checked={checked}
      aria-label={label}
      onClick={onClick}
      className="dazzle-choice"
      data-checked={checked || undefined}
      style={{ ['--choice-color' as string]: `var(--mantine-color-${color}-filled)`, ...style }}
    >
      {children}
    </UnstyledButton>
  )
}
