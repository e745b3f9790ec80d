import { Alert, Group, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { type FormEvent, useState } from 'react'
import { useParams } from 'react-router'
import { REPORT_CARD_COMMENT_MAX } from '../../../domain/accountability/report-card.ts'
import { firstName } from '../../app/format.ts'
import { AnswerForm, AnswerQuestion, ChoiceButton } from '../../ui/answer-form.tsx'
import { type PublicAnswerForm, PublicAnswerPage, Thanks } from '../feedback/public-page.tsx'
import { type ReportCardAnswer, type ReportCardPreview, reportCardPath } from './accountability-api.ts'

/** "Can't say" is an answer of its own: the customer has not seen that side of the salesperson. */
const CANT_SAY = 'cant_say'
type Choice = number | typeof CANT_SAY

const RATING_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'teal', 5: 'grape' }

/**
 * `/report-card/:token`, the customer's side, no sign-in: "Who decides how effective the
 * salesperson is at secret gathering? The customer of course" (seed 004). One answer per link; a
 * phone is the usual device, so every choice is a thumb-sized button.
 */
export function ReportCardAnswerPage() {
  const { token = '' } = useParams()
  return (
    <PublicAnswerPage<ReportCardPreview, ReportCardAnswer>
      queryKey={['report-card', token]}
      path={reportCardPath(token)}
      size={600}
      footer="Asked through Dazzle. Your answers go to the salesperson and their leader, never to anyone outside the company."
      form={(p, send) => <CardForm p={p} {...send} />}
      thanks={(p) => (
        <Thanks>
          Your report card is with {p.companyName}. It tells {firstName(p.salespersonName)} what matters to
          you — and how well we are listening.
        </Thanks>
      )}
    />
  )
}

function CardForm({
  p,
  pending,
  error,
  onSubmit,
}: PublicAnswerForm<ReportCardAnswer> & { p: ReportCardPreview }) {
  const [choices, setChoices] = useState<Record<string, Choice>>({})
  const [comment, setComment] = useState('')
  const [tried, setTried] = useState(false)
  const missing = p.questions.filter((q) => choices[q.behaviourId] === undefined)
  const allCantSay = p.questions.length > 0 && p.questions.every((q) => choices[q.behaviourId] === CANT_SAY)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (missing.length > 0 || allCantSay) return
    const ratings: Record<string, number | null> = {}
    for (const q of p.questions) {
      const c = choices[q.behaviourId]
      ratings[q.behaviourId] = c === CANT_SAY || c === undefined ? null : c
    }
    onSubmit({ ratings, ...(comment.trim() ? { comment: comment.trim() } : {}) })
  }
  const who = firstName(p.salespersonName)
  return (
    <AnswerForm
      title={`How well does ${p.salespersonName} know you?`}
      titleSize={{ base: 28, sm: 36 }}
      intro={
        <Text>
          {p.customerName}, at {p.companyName} we ask our customers — not our managers — how well we know
          them. How often does {who} do each of these? Two minutes; be honest.
        </Text>
      }
      onSubmit={submit}
      comment={{
        label: `Anything you would like to tell us about ${who}?`,
        max: REPORT_CARD_COMMENT_MAX,
        value: comment,
        onChange: setComment,
      }}
      problems={
        <>
          {tried && missing.length > 0 && (
            <Alert color="red" variant="light" role="alert">
              {missing.length === 1
                ? `One question is still open: “${missing[0]!.label}”.`
                : `${missing.length} questions are still open.`}
            </Alert>
          )}
          {tried && allCantSay && (
            <Alert color="red" variant="light" role="alert">
              Rate at least one behaviour — or close the page if you would rather not.
            </Alert>
          )}
        </>
      }
      error={error}
      pending={pending}
      submitLabel="Send my report card"
    >
      {p.questions.map((q, i) => {
        const id = `q${i}`
        const chosen = choices[q.behaviourId]
        return (
          <AnswerQuestion
            key={q.behaviourId}
            id={id}
            title={q.label}
            hint={q.hint}
            error={tried && chosen === undefined ? 'Choose one — or “Can’t say”.' : null}
          >
            <Stack
              gap={8}
              role="radiogroup"
              aria-labelledby={`${id}-title`}
              aria-describedby={q.hint ? `${id}-hint` : undefined}
            >
              <SimpleGrid cols={5} spacing={6}>
                {p.scale.map((s) => (
                  <Choice
                    key={s.value}
                    label={s.label}
                    checked={chosen === s.value}
                    color={RATING_COLORS[s.value] ?? 'violet'}
                    value={s.value}
                    onClick={() => setChoices((c) => ({ ...c, [q.behaviourId]: s.value }))}
                  />
                ))}
              </SimpleGrid>
              <Choice
                label="Can’t say"
                checked={chosen === CANT_SAY}
                color="gray"
                onClick={() => setChoices((c) => ({ ...c, [q.behaviourId]: CANT_SAY }))}
              />
            </Stack>
          </AnswerQuestion>
        )
      })}
    </AnswerForm>
  )
}

function Choice({
  label,
  value,
  checked,
  color,
  onClick,
}: {
  label: string
  value?: number
  checked: boolean
  color: string
  onClick: () => void
}) {
  return (
    <ChoiceButton
      checked={checked}
      color={color}
      onClick={onClick}
      label={value !== undefined ? `${value} — ${label}` : label}
      style={{
        minHeight: value !== undefined ? 64 : 48,
        padding: value !== undefined ? '8px 2px' : undefined,
      }}
    >
      {value !== undefined ? (
        // a thumb-sized square: the number large, its word under it (the row fits a phone)
        <Stack gap={2} align="center">
          <Text fw={800} fz={22} lh={1} component="span">
            {value}
          </Text>
          <Text fw={checked ? 800 : 600} fz={11} lh={1.15} ta="center" component="span">
            {label}
          </Text>
        </Stack>
      ) : (
        <Group gap="xs" wrap="nowrap" justify="center">
          <Text fw={checked ? 800 : 600} fz="md" component="span">
            {label}
          </Text>
          {checked && <IconCheck size={18} aria-hidden />}
        </Group>
      )}
    </ChoiceButton>
  )
}
