import {
  Anchor,
  Badge,
  Button,
  Group,
  Kbd,
  NativeSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowForward, IconCheck, IconCornerDownLeft, IconRefresh } from '@tabler/icons-react'
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import { SECRET_TEXT_MAX } from '../../../domain/secrets/secret.ts'
import { secretInputSchema } from '../../../schemas/secrets.schemas.ts'
import { ApiError, errorMessage } from '../../app/api.ts'
import { formatDate } from '../../app/format.ts'
import { schemaErrors } from '../../ui/use-schema-form.ts'
import {
  useCategories,
  useDeleteSecret,
  useEngagements,
  useNextQuestions,
  useRecordSecret,
  useSuggestCategory,
} from './secrets-api.ts'
import type { Certainty, Layer, Secret } from './secrets-types.ts'
import { CERTAINTY_SHORT, CHANNEL_LABELS, COVERAGE_COLORS } from './secrets-words.ts'

export interface CaptureCustomer {
  id: string
  name: string
  kind: 'person' | 'organisation'
  people: readonly { id: string; name: string; title: string | null }[]
}

const SELF = ''

/**
 * The gathering loop (seed 004): ask a question > listen > record what you hear > ask another.
 * The next questions favour categories with nothing known; the category is suggested from the
 * words and can be changed; Enter records and the next question is offered at once, the cursor
 * staying in the text box. Works with the keyboard alone and one thumb at phone width.
 */
export function CapturePanel({
  customer,
  autoFocus = false,
  onRecorded,
}: {
  customer: CaptureCustomer
  autoFocus?: boolean
  onRecorded?: (s: Secret) => void
}) {
  const [personId, setPersonId] = useState<string>(SELF)
  const [round, setRound] = useState(0)
  const [asked, setAsked] = useState<string[]>([])
  const [active, setActive] = useState(0)
  const [text, setText] = useState('')
  const [chosen, setChosen] = useState<string | null>(null)
  const [certainty, setCertainty] = useState<Certainty>('heard')
  const [layer, setLayer] = useState<Layer>('secret')
  const [engagementId, setEngagementId] = useState<string>('')
  const [session, setSession] = useState<Secret[]>([])
  const [error, setError] = useState<string | null>(null)
  const [announce, setAnnounce] = useState('')
  const box = useRef<HTMLTextAreaElement>(null)
  const ids = useId()

  const about: 'person' | 'organisation' = personId || customer.kind === 'person' ? 'person' : 'organisation'
  const categories = useCategories()
  const next = useNextQuestions(customer.id, { personId: personId || null, round, skip: asked })
  const engagements = useEngagements(customer.id)
  const [debounced] = useDebouncedValue(text, 300)
  const suggested = useSuggestCategory(debounced, about)
  // words about a person heard while "the organisation" is chosen: offer to file it under them
  const personal = useSuggestCategory(
    debounced,
    'person',
    about === 'organisation' && customer.people.length > 0,
  )
  const record = useRecordSecret(customer.id)
  const undo = useDeleteSecret(customer.id)

  const questions = next.data?.questions ?? []
  const question = questions[Math.min(active, Math.max(0, questions.length - 1))]
  const options = useMemo(() => {
    const all = (categories.data?.categories ?? []).filter(
      (c) =>
        (c.scope === 'any' || c.scope === about) && (!c.sensitive || categories.data?.sensitiveCategories),
    )
    return all
  }, [categories.data, about])
  const valid = (key: string | null | undefined) => !!key && options.some((o) => o.key === key)
  const suggestedKey = suggested.data?.category
  const suggestion = text.trim().length >= 3 && valid(suggestedKey) ? (suggestedKey as string) : null
  const category = valid(chosen)
    ? chosen
    : (suggestion ?? (valid(question?.category) ? question!.category : null))
  const source = valid(chosen)
    ? 'chosen'
    : suggestion
      ? // a weak guess says so: the person should look before recording
        `${(suggested.data?.confidence ?? 0) >= 0.5 ? 'suggested' : 'a guess'} from “${(suggested.data?.because ?? []).slice(0, 2).join('”, “')}”`
      : category
        ? 'the question’s'
        : null

  // a new person, a new set of questions
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the person changes
  useEffect(() => {
    setRound(0)
    setAsked([])
    setActive(0)
    setChosen(null)
  }, [personId])

  useEffect(() => {
    if (autoFocus) box.current?.focus()
  }, [autoFocus])

  // an engagement logged in the last 12 hours is most likely the one being recorded from
  const [engagementTouched, setEngagementTouched] = useState(false)
  const recent = engagements.data?.[0]
  useEffect(() => {
    if (engagementTouched || !recent) return
    if (Date.now() - new Date(recent.occurredAt).getTime() < 12 * 60 * 60 * 1000) setEngagementId(recent.id)
  }, [recent, engagementTouched])

  const anotherQuestion = () => {
    if (question) setAsked((a) => [...a, question.category])
    setRound((r) => r + 1)
    setActive(0)
    setChosen(null)
    box.current?.focus()
  }

  const submit = () => {
    const input = {
      personId: personId || null,
      category: category ?? '',
      text: text.trim(),
      certainty,
      layer,
      engagementId: engagementId || null,
    }
    // what the API would refuse, in its words: the text first, then the category
    const problems = schemaErrors(secretInputSchema, input)
    const problem = problems.text ?? problems.category
    if (problem) {
      setError(problem)
      return
    }
    if (record.isPending) return
    setError(null)
    record.mutate(input, {
      onSuccess: (s) => {
        setSession((list) => [s, ...list].slice(0, 5))
        setText('')
        setChosen(null)
        // what was asked and what was heard are covered now: ask about something else
        setAsked((a) => [...new Set([...a, s.category, ...(question ? [question.category] : [])])])
        setRound((r) => r + 1)
        setActive(0)
        setAnnounce(`Recorded under ${s.categoryLabel}.`)
        onRecorded?.(s)
        box.current?.focus()
      },
      onError: (e) => {
        setError(errorMessage(e))
        box.current?.focus()
      },
    })
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      submit()
    }
  }

  const peopleOptions = [
    {
      value: SELF,
      label: customer.kind === 'organisation' ? `${customer.name} (the organisation)` : customer.name,
    },
    ...customer.people.map((p) => ({ value: p.id, label: p.title ? `${p.name}, ${p.title}` : p.name })),
  ]
  const engagementOptions = [
    { value: '', label: 'No engagement' },
    ...(engagements.data ?? []).slice(0, 12).map((g) => ({
      value: g.id,
      label: `${CHANNEL_LABELS[g.channel]} · ${formatDate(g.occurredAt)}${g.summary ? ` · ${g.summary.slice(0, 40)}` : ''}`,
    })),
  ]
  const groups = [
    { group: 'About a person', items: options.filter((o) => o.scope !== 'organisation') },
    { group: 'About an organisation', items: options.filter((o) => o.scope === 'organisation') },
  ]
    .filter((g) => g.items.length > 0)
    .map((g) => ({ group: g.group, items: g.items.map((o) => ({ value: o.key, label: o.label })) }))

  return (
    <Stack gap="sm" data-testid="capture-panel">
      <VisuallyHidden aria-live="polite">{announce}</VisuallyHidden>
      {peopleOptions.length > 1 && (
        <NativeSelect
          label="About"
          data={peopleOptions}
          value={personId}
          onChange={(e) => setPersonId(e.currentTarget.value)}
        />
      )}

      <div>
        <Group justify="space-between" gap="xs" mb={6} wrap="nowrap">
          <Text fz="xs" fw={700} tt="uppercase" c="dimmed" lts={0.4} id={`${ids}-q`}>
            Ask next
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconRefresh size={14} />}
            onClick={anotherQuestion}
            disabled={questions.length === 0}
          >
            Another question
          </Button>
        </Group>
        {next.isPending ? (
          <Text fz="sm" c="dimmed">
            Finding good questions…
          </Text>
        ) : questions.length === 0 ? (
          <Text fz="sm" c="dimmed">
            Every category has fresh answers. Listen for what changed, and record it.
          </Text>
        ) : (
          <Stack
            gap={4}
            component="ul"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            aria-labelledby={`${ids}-q`}
            data-testid="next-questions"
          >
            {questions.map((q, i) => {
              const current = question?.id === q.id
              return (
                <li key={q.id}>
                  <UnstyledButton
                    w="100%"
                    onClick={() => {
                      setActive(i)
                      setChosen(null)
                      box.current?.focus()
                    }}
                    aria-current={current ? 'true' : undefined}
                    p={current ? 'xs' : 4}
                    style={{
                      borderRadius: 'var(--mantine-radius-md)',
                      background: current
                        ? 'light-dark(var(--mantine-color-violet-0), rgba(132, 94, 247, 0.12))'
                        : undefined,
                    }}
                  >
                    <Group gap={8} wrap="nowrap" align="flex-start" component="span">
                      <IconArrowForward
                        size={16}
                        style={{ flexShrink: 0, marginTop: 3, opacity: current ? 1 : 0.35 }}
                        aria-hidden
                      />
                      <span style={{ minWidth: 0 }}>
                        <Text
                          component="span"
                          display="block"
                          fz={current ? 'md' : 'sm'}
                          fw={current ? 600 : 400}
                          c={current ? undefined : 'dimmed'}
                        >
                          {q.text}
                        </Text>
                        {current && (
                          <Group gap={6} mt={2} component="span">
                            <Badge size="xs" variant="light" component="span">
                              {q.categoryLabel}
                            </Badge>
                            <Badge size="xs" variant="dot" color={COVERAGE_COLORS[q.state]} component="span">
                              {q.state === 'empty'
                                ? 'nothing known'
                                : q.state === 'stale'
                                  ? 'stale'
                                  : 'known'}
                            </Badge>
                          </Group>
                        )}
                      </span>
                    </Group>
                  </UnstyledButton>
                </li>
              )
            })}
          </Stack>
        )}
      </div>

      <Textarea
        ref={box}
        data-autofocus={autoFocus || undefined}
        label="What did you hear?"
        placeholder={question ? 'Their answer, in their words…' : 'What you heard, in their words…'}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={SECRET_TEXT_MAX}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value)
          if (error) setError(null)
        }}
        onKeyDown={onKeyDown}
        error={error}
        enterKeyHint="send"
        description={
          <Group gap={4} component="span" visibleFrom="sm">
            <Kbd size="xs">Enter</Kbd> records · <Kbd size="xs">Shift</Kbd>+<Kbd size="xs">Enter</Kbd> new
            line
          </Group>
        }
        inputWrapperOrder={['label', 'input', 'description', 'error']}
      />

      {about === 'organisation' && personal.data?.category && !suggestedKey && text.trim().length >= 3 && (
        <Group gap={6} data-testid="about-a-person">
          <Text fz="xs" c="dimmed">
            Sounds personal. About
          </Text>
          {customer.people.slice(0, 3).map((p) => (
            <Button
              key={p.id}
              size="compact-xs"
              variant="light"
              onClick={() => {
                setPersonId(p.id)
                box.current?.focus()
              }}
            >
              {p.name}?
            </Button>
          ))}
        </Group>
      )}

      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Category"
          description={source ? `Category: ${source}` : 'Choose one'}
          inputWrapperOrder={['label', 'input', 'description']}
          data={groups}
          value={category}
          onChange={(v) => setChosen(v)}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No such category"
          placeholder="Choose a category"
          style={{ flex: '1 1 200px' }}
          comboboxProps={{ withinPortal: true }}
          maxDropdownHeight={280}
        />
        <div style={{ flex: '0 0 auto' }}>
          <Text fz="sm" fw={500} mb={4} id={`${ids}-certainty`}>
            How sure
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={`${ids}-certainty`}
            value={certainty}
            onChange={(v) => setCertainty(v as Certainty)}
            data={(['heard', 'inferred', 'second_hand'] as const).map((c) => ({
              value: c,
              label: CERTAINTY_SHORT[c],
            }))}
          />
        </div>
      </Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label="Engagement"
          data={engagementOptions}
          value={engagementId}
          onChange={(e) => {
            setEngagementTouched(true)
            setEngagementId(e.currentTarget.value)
          }}
          style={{ flex: '1 1 180px' }}
        />
        <div style={{ flex: '0 0 auto' }}>
          <Text fz="sm" fw={500} mb={4} id={`${ids}-layer`}>
            Layer
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={`${ids}-layer`}
            value={layer}
            onChange={(v) => setLayer(v as Layer)}
            data={[
              { value: 'secret', label: 'Secret' },
              { value: 'need', label: 'Need' },
            ]}
          />
        </div>
        <Button
          onClick={submit}
          loading={record.isPending}
          rightSection={<IconCornerDownLeft size={16} />}
          style={{ flex: '1 0 auto' }}
        >
          Record
        </Button>
      </Group>

      {session.length > 0 && (
        <Paper withBorder p="xs" radius="md" aria-label="Recorded just now">
          <Stack gap={4}>
            {session.map((s, i) => (
              <Group key={s.id} gap={6} wrap="nowrap" align="flex-start">
                <IconCheck
                  size={16}
                  color="var(--mantine-color-teal-6)"
                  style={{ flexShrink: 0, marginTop: 2 }}
                  aria-hidden
                />
                <Text fz="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }} lineClamp={2}>
                  <Text component="span" fz="sm" c="dimmed">
                    {s.categoryLabel}
                    {s.personName ? ` · ${s.personName}` : ''}:{' '}
                  </Text>
                  {s.text}
                </Text>
                {i === 0 && (
                  <Anchor
                    component="button"
                    type="button"
                    fz="xs"
                    onClick={() =>
                      undo.mutate(s.id, {
                        onSuccess: () => {
                          setSession((list) => list.filter((x) => x.id !== s.id))
                          setText(s.text)
                          setChosen(s.category)
                          setAnnounce('Undone: the secret is back in the text box.')
                          box.current?.focus()
                        },
                        onError: (e) =>
                          setError(e instanceof ApiError ? e.message : 'The secret could not be undone.'),
                      })
                    }
                  >
                    Undo
                  </Anchor>
                )}
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}
