import {
  Anchor,
  Button,
  Group,
  PasswordInput,
  type PasswordInputProps,
  Stack,
  Text,
  TextInput,
  type TextInputProps,
} from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { FormError } from '../../app/form-error.tsx'
import { Form } from '../../ui/form.tsx'

/**
 * The form of a signed-out page (sign in, sign up, reset, invitation, new workspace): the API's
 * refusal above the fields, then one full-width submit button. The browser's own validation is off;
 * each page says what is missing by keeping the button disabled until the fields will do.
 */
export function AuthForm({
  onSubmit,
  error,
  submitLabel,
  pending = false,
  submitDisabled = false,
  intro,
  note,
  children,
}: {
  /** Called with the submit event already prevented. */
  onSubmit: () => void
  error: unknown
  submitLabel: string
  pending?: boolean
  submitDisabled?: boolean
  /** a line above the fields, e.g. what signing in here will do */
  intro?: ReactNode
  /** a small line below the button */
  note?: ReactNode
  children: ReactNode
}) {
  return (
    <Form onSubmit={() => onSubmit()}>
      <Stack gap="md">
        {intro && (
          <Text fz="sm" c="dimmed">
            {intro}
          </Text>
        )}
        <FormError error={error} />
        {children}
        <Button type="submit" size="md" fullWidth loading={pending} disabled={submitDisabled}>
          {submitLabel}
        </Button>
        {note && (
          <Text fz="xs" c="dimmed" ta="center">
            {note}
          </Text>
        )}
      </Stack>
    </Form>
  )
}

/** A text field of a signed-out form: its value as a string, `onChange` with the new string. */
export type TextFieldProps = Omit<TextInputProps, 'value' | 'onChange'> & {
  value: string
  onChange: (value: string) => void
}

export function TextField({ value, onChange, ...props }: TextFieldProps) {
  return <TextInput value={value} onChange={(e) => onChange(e.currentTarget.value)} {...props} />
}

/** A password field of a signed-out form, likewise with its value as a string. */
export type SecretFieldProps = Omit<PasswordInputProps, 'value' | 'onChange'> & {
  value: string
  onChange: (value: string) => void
}

export function SecretField({ value, onChange, ...props }: SecretFieldProps) {
  return <PasswordInput value={value} onChange={(e) => onChange(e.currentTarget.value)} {...props} />
}

/** The person's email address: the address book's autocomplete, required. */
export function EmailField(props: TextFieldProps) {
  return (
    <TextField
      label="Email"
      type="email"
      autoComplete="email"
      placeholder="you@company.com"
      required
      {...props}
    />
  )
}

/** The password of an existing account, with the way out for one who forgot it. */
export function PasswordField(props: SecretFieldProps) {
  return (
    <Stack gap={6}>
      <SecretField label="Password" autoComplete="current-password" required {...props} />
      <Group justify="flex-end">
        <Anchor component={Link} to="/forgot-password" fz="sm">
          Forgot password?
        </Anchor>
      </Group>
    </Stack>
  )
}
