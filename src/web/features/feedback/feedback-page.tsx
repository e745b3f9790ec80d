import { Group, SimpleGrid, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core'
import {
  IconCheck,
  IconMoodAngry,
  IconMoodEmpty,
  IconMoodSad,
  IconMoodSmile,
  IconSparkles,
} from '@tabler/icons-react'
import { type FormEvent, type ReactNode, useState } from 'react'
import { useParams } from 'react-router'
import { AnswerForm, AnswerQuestion, ChoiceButton } from '../../ui/answer-form.tsx'
import './feedback.css'
import { type PublicAnswerForm, PublicAnswerPage, Thanks } from './public-page.tsx'

interface Preview {
  companyName: string
  customerName: string
  what: string
  scale: { value: number; label: string }[]
}
interface Answer {
  wow: number
  fixed: boolean
  nps: number
  comment?: string
}

const WOW_ICONS: Record<number, ReactNode> = {
  1: <IconMoodAngry size={26} />,
  2: <IconMoodSad size={26} />,
  3: <IconMoodEmpty size={26} />,
  4: <IconMoodSmile size={26} />,
  5: <IconSparkles size={26} />,
}
const ZERO_TO_TEN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const
const WOW_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gray', 4: 'teal', 5: 'grape' }

/**
 * `/feedback/:token`, the customer's side, no sign-in: "Did we blow you away?" (seed 002) — not
 * "were you satisfied?". One answer per link; a phone is the usual device.
 */
export function FeedbackPage() {
  const { token = '' } = useParams()
  return (
    <PublicAnswerPage<Preview, Answer>
      queryKey={['feedback', token]}
      path={`/feedback/${encodeURIComponent(token)}`}
      size={560}
      footer="Asked through Dazzle. Your answer goes to the person who looked after you."
      form={(p, send) => <FeedbackForm p={p} {...send} />}
      thanks={(p) => (
        <Thanks>
          Your answer is with the person who looked after you at {p.companyName}. It helps us do better the
          next time — and we hope there is no next time.
        </Thanks>
      )}
    />
  )
}

function FeedbackForm({ p, pending, error, onSubmit }: PublicAnswerForm<Answer> & { p: Preview }) {
  const [wow, setWow] = useState<number | null>(null)
  const [fixed, setFixed] = useState<boolean | null>(null)
  const [nps, setNps] = useState<number | null>(null)
  const [comment, setComment] = useState('')
  const [tried, setTried] = useState(false)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (wow === null || fixed === null || nps === null) return
    onSubmit({ wow, fixed, nps, ...(comment.trim() ? { comment: comment.trim() } : {}) })
  }
  return (
    <AnswerForm
      title="Did we blow you away?"
      intro={
        <Text c="dimmed">
          {p.customerName}, we let you down ({p.what.toLowerCase()}) and tried to make it right. Be honest —
          it takes ten seconds.
        </Text>
      }
      onSubmit={submit}
      comment={{
        label: 'Anything you would like to tell us?',
        max: 2000,
        value: comment,
        onChange: setComment,
      }}
      error={error}
      pending={pending}
      submitLabel="Send my answer"
    >
      <AnswerQuestion id="wow" title="How did we do?" error={tried && wow === null ? 'Choose one.' : null}>
        <Stack gap={8} role="radiogroup" aria-labelledby="wow-title">
          {[...p.scale].reverse().map((s) => (
            <BigChoice
              key={s.value}
              checked={wow === s.value}
              onClick={() => setWow(s.value)}
              color={WOW_COLORS[s.value] ?? 'violet'}
              icon={WOW_ICONS[s.value]}
              label={s.label}
              strong={s.value === 5}
            />
          ))}
        </Stack>
      </AnswerQuestion>

      <AnswerQuestion
        id="fixed"
        title="Is it fixed?"
        error={tried && fixed === null ? 'Choose yes or no.' : null}
      >
        <SimpleGrid cols={2} spacing={8} role="radiogroup" aria-labelledby="fixed-title">
          <BigChoice
            checked={fixed === true}
            onClick={() => setFixed(true)}
            color="teal"
            label="Yes"
            center
          />
          <BigChoice
            checked={fixed === false}
            onClick={() => setFixed(false)}
            color="red"
            label="No"
            center
          />
        </SimpleGrid>
      </AnswerQuestion>

      <AnswerQuestion
        id="nps"
        title={`How likely are you to recommend ${p.companyName} to a friend or colleague?`}
        error={tried && nps === null ? 'Choose a number from 0 to 10.' : null}
      >
        <SimpleGrid cols={{ base: 6, xs: 11 }} spacing={6} role="radiogroup" aria-labelledby="nps-title">
          {ZERO_TO_TEN.map((n) => (
            <UnstyledButton
              key={n}
              role="radio"
              aria-checked={nps === n}
              aria-label={`${n} out of 10`}
              onClick={() => setNps(n)}
              className="dazzle-nps"
              data-checked={nps === n || undefined}
              data-band={n <= 6 ? 'low' : n <= 8 ? 'mid' : 'high'}
            >
              {n}
            </UnstyledButton>
          ))}
        </SimpleGrid>
        <Group justify="space-between" mt={6}>
          <Text fz="xs" c="dimmed">
            Not at all likely
          </Text>
          <Text fz="xs" c="dimmed">
            Extremely likely
          </Text>
        </Group>
      </AnswerQuestion>
    </AnswerForm>
  )
}

function BigChoice({
  checked,
  onClick,
  label,
  icon,
  color,
  strong = false,
  center = false,
}: {
  checked: boolean
  onClick: () => void
  label: string
  icon?: ReactNode
  color: string
  strong?: boolean
  center?: boolean
}) {
  return (
    <ChoiceButton checked={checked} color={color} onClick={onClick}>
      <Group gap="sm" wrap="nowrap" justify={center ? 'center' : 'flex-start'}>
        {icon && (
          <ThemeIcon size={40} radius="xl" color={color} variant={checked ? 'filled' : 'light'} aria-hidden>
            {icon}
          </ThemeIcon>
        )}
        <Text fw={strong || checked ? 800 : 600} fz="lg">
          {label}
        </Text>
        {checked && !center && <IconCheck size={20} style={{ marginLeft: 'auto' }} aria-hidden />}
      </Group>
    </ChoiceButton>
  )
}
